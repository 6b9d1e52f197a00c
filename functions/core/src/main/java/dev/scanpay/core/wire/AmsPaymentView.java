package dev.scanpay.core.wire;

import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.model.refund.Refund;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A payment as AMS shows it to the merchant, in pay, inquiryPayment and cancel answers. */
public final class AmsPaymentView {

    private AmsPaymentView() {
    }

    /**
     * The pay answer. User-presented: S paid, F declined or closed, U still in process. Order code: S with
     * the code while it can be paid (and once paid), F once closed.
     */
    public static Map<String, Object> payAnswer(Payment p, CodeUrls urls) {
        if (p.scenario() == Scenario.ORDER_CODE) {
            return orderCodeAnswer(p, urls);
        }
        Result result = switch (p.status()) {
            case SUCCESS -> Result.success();
            case FAIL -> new Result(p.resultCode(), ResultStatus.F, p.resultMessage());
            case CANCELLED -> Result.of(ResultCode.ORDER_IS_CLOSED, "the payment was closed: " + p.resultMessage());
            case CREATED, PROCESSING -> Result.of(ResultCode.PAYMENT_IN_PROCESS,
                    "the wallet has not given a result yet; inquire with paymentRequestId or wait for notifyPayment");
        };
        JsonObject body = JsonObject.create().put("result", result.toWire());
        putIdentity(body, p);
        if (p.status() == PaymentStatus.SUCCESS) {
            putPaid(body, p);
        }
        return body.build();
    }

    /** Merchant-presented payments: S while the code or order can be paid (and once paid), F once closed. */
    private static Result codePaymentResult(Payment p) {
        return switch (p.status()) {
            case CREATED, PROCESSING, SUCCESS -> Result.success();
            case FAIL -> new Result(p.resultCode(), ResultStatus.F, p.resultMessage());
            case CANCELLED -> Result.of(ResultCode.ORDER_IS_CLOSED, "the order was closed: " + p.resultMessage());
        };
    }

    /**
     * The pay answer for an entry-code payment: S means the order exists, not that it is paid; the merchant's
     * page sends the customer's browser to {@code redirectActionForm.redirectUrl}, the wallet's cashier.
     */
    public static Map<String, Object> entryCodeAnswer(Payment p, String cashierUrl) {
        Result result = codePaymentResult(p);
        JsonObject body = JsonObject.create().put("result", result.toWire());
        putIdentity(body, p);
        if (result.isSuccess() && cashierUrl != null) {
            body.put("paymentExpiryTime", AmsWire.time(p.expiresAt()));
            body.put("redirectActionForm", JsonObject.create().put("method", "GET").put("redirectUrl", cashierUrl));
        }
        if (p.status() == PaymentStatus.SUCCESS) {
            putPaid(body, p);
        }
        return body.build();
    }

    private static Map<String, Object> orderCodeAnswer(Payment p, CodeUrls urls) {
        Result result = codePaymentResult(p);
        JsonObject body = JsonObject.create().put("result", result.toWire());
        putIdentity(body, p);
        if (result.isSuccess()) {
            String token = p.codeToken();
            body.put("orderCodeForm", JsonObject.create()
                    .put("expireTime", AmsWire.time(p.expiresAt()))
                    .put("codeDetails", codeDetails(urls, token))
                    .put("paymentMethodType", "CONNECT_WALLET"));
        }
        if (p.status() == PaymentStatus.SUCCESS) {
            putPaid(body, p);
        }
        return body.build();
    }

    /** A code as AMS shows it: its value as TEXT (to render yourself) and our three image sizes. */
    public static List<Map<String, Object>> codeDetails(CodeUrls urls, String token) {
        return List.of(
                codeDetail(urls.codeValue(token), "TEXT"),
                codeDetail(urls.image(token, "small"), "SMALLIMAGE"),
                codeDetail(urls.image(token, "middle"), "MIDDLEIMAGE"),
                codeDetail(urls.image(token, "big"), "BIGIMAGE"));
    }

    private static Map<String, Object> codeDetail(String value, String displayType) {
        return JsonObject.create().put("codeValue", value).put("displayType", displayType).put("codeValueType", "QRCODE").build();
    }

    public static Map<String, Object> inquiryAnswer(Payment p) {
        return inquiryAnswer(p, List.of());
    }

    /** The inquiry answer; {@code transactions} lists the cancel (if any) and every refund, oldest first. */
    public static Map<String, Object> inquiryAnswer(Payment p, List<Refund> refunds) {
        JsonObject body = JsonObject.create().put("result", Result.success().toWire());
        String status = merchantStatus(p);
        body.put("paymentStatus", status);
        body.put("paymentResultCode", switch (status) {
            case "SUCCESS" -> ResultCode.SUCCESS.name();
            case "PROCESSING" -> ResultCode.PAYMENT_IN_PROCESS.name();
            default -> p.resultCode();
        });
        body.put("paymentResultMessage", switch (status) {
            case "SUCCESS" -> "success";
            case "PROCESSING" -> "waiting for the wallet";
            default -> p.resultMessage();
        });
        putIdentity(body, p);
        if (p.paymentTime() != null && p.status() != PaymentStatus.FAIL) {
            putPaid(body, p);
        }
        List<Map<String, Object>> transactions = new ArrayList<>();
        refunds.stream().map(AmsRefundView::transaction).forEach(transactions::add);
        if (p.cancelTime() != null) {
            transactions.add(JsonObject.create()
                    .put("transactionType", "CANCEL")
                    .put("transactionStatus", p.cancelState() == CancelState.PENDING ? "PROCESSING" : "SUCCESS")
                    .put("transactionAmount", AmsWire.amount(p.amount()))
                    .put("transactionTime", AmsWire.time(p.cancelTime()))
                    .build());
        }
        if (!transactions.isEmpty()) {
            body.put("transactions", transactions);
        }
        return body.build();
    }

    /**
     * The notifyPayment the merchant gets for a payment's final result (AMS shape: notifyType
     * PAYMENT_RESULT, the payment's result in {@code result}), with the notification's stable id so the
     * merchant can drop repeats.
     */
    public static Map<String, Object> notification(Payment p, String notifyId) {
        Result result = p.status() == PaymentStatus.SUCCESS ? Result.success()
                : new Result(p.resultCode(), ResultStatus.F, p.resultMessage());
        JsonObject body = JsonObject.create()
                .put("notifyType", "PAYMENT_RESULT")
                .put("notifyId", notifyId)
                .put("result", result.toWire());
        putIdentity(body, p);
        if (p.status() == PaymentStatus.SUCCESS) {
            putPaid(body, p);
        }
        return body.build();
    }

    public static Map<String, Object> cancelAnswer(Payment p) {
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("paymentId", p.paymentId())
                .put("paymentRequestId", p.paymentRequestId())
                .put("cancelTime", AmsWire.time(p.cancelTime()))
                .build();
    }

    /**
     * SUCCESS, FAIL, PROCESSING or CANCELLED. A payment the gateway closed because it ran out of time is
     * FAIL with ORDER_IS_CLOSED, as a wallet reports it (so is one it closed for any other reason); one the
     * merchant cancelled is CANCELLED.
     */
    public static String merchantStatus(Payment p) {
        return switch (p.status()) {
            case CREATED, PROCESSING -> "PROCESSING";
            case SUCCESS -> "SUCCESS";
            case FAIL -> "FAIL";
            case CANCELLED -> p.closedBy() == ClosedBy.MERCHANT ? "CANCELLED" : "FAIL";
        };
    }

    private static void putIdentity(JsonObject body, Payment p) {
        body.put("paymentRequestId", p.paymentRequestId())
                .put("paymentId", p.paymentId())
                .put("paymentAmount", AmsWire.amount(p.amount()))
                .put("paymentCreateTime", AmsWire.time(p.createdAt()));
    }

    private static void putPaid(JsonObject body, Payment p) {
        body.put("paymentTime", AmsWire.time(p.paymentTime()))
                .put("actualPaymentAmount", AmsWire.amount(p.amount()));
        if (p.customer() != null) {
            body.put("pspCustomerInfo", JsonObject.create()
                    .put("pspName", p.customer().pspName())
                    .put("pspCustomerId", p.customer().pspCustomerId())
                    .put("displayCustomerId", p.customer().displayCustomerId()));
        }
    }
}
