package dev.scanpay.core.wire;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import java.util.Map;

/** A refund as AMS shows it to the merchant: the refund answer, inquiryRefund, and a payment's transactions. */
public final class AmsRefundView {

    private AmsRefundView() {
    }

    /** S refunded, F refused by the wallet, U REFUND_IN_PROCESS while the wallet's final answer is outstanding. */
    public static Map<String, Object> refundAnswer(Refund r) {
        JsonObject body = JsonObject.create().put("result", result(r).toWire());
        body.put("refundRequestId", r.refundRequestId())
                .put("refundId", r.refundId())
                .put("paymentId", r.paymentId())
                .put("refundAmount", AmsWire.amount(r.amount()));
        if (r.status() == RefundStatus.SUCCESS) {
            body.put("refundTime", AmsWire.time(r.refundTime()));
        }
        return body.build();
    }

    /** {@code result} is about the inquiry itself; the refund's state is {@code refundStatus}. */
    public static Map<String, Object> inquiryAnswer(Refund r) {
        JsonObject body = JsonObject.create()
                .put("result", Result.success().toWire())
                .put("refundStatus", r.status().name())
                .put("refundRequestId", r.refundRequestId())
                .put("refundId", r.refundId())
                .put("paymentId", r.paymentId())
                .put("refundAmount", AmsWire.amount(r.amount()));
        if (r.status() == RefundStatus.SUCCESS) {
            body.put("refundTime", AmsWire.time(r.refundTime()));
        }
        if (r.status() == RefundStatus.FAIL) {
            body.put("refundResultCode", r.resultCode()).put("refundResultMessage", r.resultMessage());
        }
        return body.build();
    }

    /** One entry of inquiryPayment's {@code transactions}. */
    public static Map<String, Object> transaction(Refund r) {
        return JsonObject.create()
                .put("transactionType", "REFUND")
                .put("transactionStatus", r.status().name())
                .put("transactionResult", result(r).toWire())
                .put("transactionId", r.refundId())
                .put("transactionRequestId", r.refundRequestId())
                .put("transactionAmount", AmsWire.amount(r.amount()))
                .put("transactionTime", AmsWire.time(r.refundTime() != null ? r.refundTime() : r.createdAt()))
                .build();
    }

    private static Result result(Refund r) {
        return switch (r.status()) {
            case SUCCESS -> Result.success();
            case FAIL -> new Result(r.resultCode(), ResultStatus.F, r.resultMessage());
            case PROCESSING -> Result.of(ResultCode.REFUND_IN_PROCESS,
                    "the wallet has not finished the refund; inquire with refundRequestId or refundId");
        };
    }
}
