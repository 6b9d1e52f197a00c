package dev.scanpay.core.api.legacy;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.wire.LegacyWire;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a payment and a refund look in the legacy answers' {@code <response><alipay>} (protocol.md §8.3–§8.6): pure
 * functions of the stored records, as {@code AmsPaymentView} is for AMS. Fields with no value are left out by
 * {@link LegacyAnswer}.
 */
public final class LegacyViews {

    private LegacyViews() {
    }

    /** §8.3: SUCCESS (paid), FAILED (declined, closed), UNKNOW (the wallet has not said yet: query, then cancel). */
    public static LegacyResultCode payResult(Payment p) {
        return switch (p.status()) {
            case SUCCESS -> LegacyResultCode.SUCCESS;
            case FAIL, CANCELLED -> LegacyResultCode.FAILED;
            case CREATED, PROCESSING -> LegacyResultCode.UNKNOWN;
        };
    }

    /** §8.3 response fields of spot.pay. */
    public static Map<String, String> payAnswer(Payment p) {
        LegacyResultCode result = payResult(p);
        Map<String, String> fields = transaction(p);
        fields.put("result_code", result.wireValue(LegacyService.SPOT_PAY));
        if (result != LegacyResultCode.SUCCESS) {
            fields.put("error", p.resultCode() != null ? p.resultCode() : "PAYMENT_IN_PROCESS");
        }
        return fields;
    }

    /** §8.4: WAIT_BUYER_PAY while the wallet decides, TRADE_SUCCESS once paid, TRADE_CLOSED when closed or cancelled. */
    public static String transStatus(Payment p) {
        return LegacyWire.tradeStatus(p);
    }

    /** §8.4 response fields of query, for a payment that was found. */
    public static Map<String, String> queryAnswer(Payment p) {
        Map<String, String> fields = transaction(p);
        fields.put("result_code", LegacyResultCode.SUCCESS.wireValue(LegacyService.QUERY));
        fields.put("alipay_trans_status", transStatus(p));
        fields.put("out_trade_no", p.paymentRequestId());
        return fields;
    }

    /**
     * §8.5 response fields of cancel: SUCCESS with retry N once the payment is closed (unpaid) or reversed (paid)
     * and the wallet has confirmed or had nothing to undo; UNKNOWN with retry Y while the wallet's confirmation of
     * the reversal is outstanding (the gateway keeps asking; a repeat cancel is harmless).
     */
    public static Map<String, String> cancelAnswer(Payment p) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", p.paymentRequestId());
        fields.put("trade_no", p.paymentId());
        boolean pending = p.cancelState() == CancelState.PENDING;
        boolean closed = p.status() == PaymentStatus.FAIL || p.status() == PaymentStatus.CANCELLED;
        if (closed && !pending) {
            fields.put("result_code", LegacyResultCode.SUCCESS.wireValue(LegacyService.CANCEL));
            fields.put("retry_flag", LegacyRetryFlag.N.wireValue());
        } else {
            fields.put("result_code", LegacyResultCode.UNKNOWN.wireValue(LegacyService.CANCEL));
            fields.put("retry_flag", LegacyRetryFlag.Y.wireValue());
        }
        return fields;
    }

    /** §8.5 a cancel refused: FAIL, and whether sending it again can change that. */
    public static Map<String, String> cancelRefused(Payment p, String code, String description, LegacyRetryFlag retry) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (p != null) {
            fields.put("out_trade_no", p.paymentRequestId());
            fields.put("trade_no", p.paymentId());
        }
        fields.put("result_code", LegacyResultCode.FAILED.wireValue(LegacyService.CANCEL));
        fields.put("retry_flag", retry.wireValue());
        fields.put("detail_error_code", code);
        fields.put("detail_error_des", description);
        return fields;
    }

    /** §8.6 response fields of spot.refund: SUCCESS, FAIL (the wallet refused), UNKNOWN (no verdict yet). */
    public static Map<String, String> refundAnswer(Payment p, Refund r) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("partner_trans_id", p.paymentRequestId());
        fields.put("alipay_trans_id", p.paymentId());
        fields.put("partner_refund_id", r.refundRequestId());
        fields.put("refund_amount", LegacyAmount.format(r.amount()));
        fields.put("currency", r.amount().currencyCode());
        LegacyResultCode result = switch (r.status()) {
            case SUCCESS -> LegacyResultCode.SUCCESS;
            case FAIL -> LegacyResultCode.FAILED;
            case PROCESSING -> LegacyResultCode.UNKNOWN;
        };
        fields.put("result_code", result.wireValue(LegacyService.SPOT_REFUND));
        if (result == LegacyResultCode.FAILED) {
            fields.put("error", r.resultCode());
        }
        return fields;
    }

    /** A service's business refusal: {@code result_code} FAIL(ED) and the reason in {@code error}. */
    public static Map<String, String> failed(LegacyService service, String error) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("result_code", LegacyResultCode.FAILED.wireValue(service));
        fields.put("error", error);
        return fields;
    }

    private static Map<String, String> transaction(Payment p) {
        return LegacyWire.transaction(p);
    }

    static String time(Instant instant) {
        return LegacyWire.time(instant);
    }
}
