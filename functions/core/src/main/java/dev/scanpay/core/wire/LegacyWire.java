package dev.scanpay.core.wire;

import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wire forms of the Legacy Barcode API (protocol.md §8) that more than its gateway needs: times, the trade status,
 * and the parameters of an asynchronous notification (which the outbox stores and the notification sender signs).
 */
public final class LegacyWire {

    /** Alipay's times are Beijing time, GMT+8 (§8.3 {@code alipay_pay_time}, §8.5's transaction day). */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

    /** §8.2 "notify_type": the one kind of notification this gateway sends, a trade's status. */
    public static final String NOTIFY_TYPE = "trade_status_sync";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZONE);

    private LegacyWire() {
    }

    /** §8.3 {@code yyyyMMddHHmmss} in GMT+8; null for null. */
    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    /** §8.4: WAIT_BUYER_PAY while the wallet decides, TRADE_SUCCESS once paid, TRADE_CLOSED when closed or cancelled. */
    public static String tradeStatus(Payment p) {
        return switch (p.status()) {
            case CREATED, PROCESSING -> "WAIT_BUYER_PAY";
            case SUCCESS -> "TRADE_SUCCESS";
            case FAIL, CANCELLED -> "TRADE_CLOSED";
        };
    }

    /**
     * The transaction's fields as every legacy message shows them (§8.3/§8.4): ids, amount in the currency's
     * exponent, pay time once paid, the buyer once known. Left out when they have no value.
     */
    public static Map<String, String> transaction(Payment p) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("partner_trans_id", p.paymentRequestId());
        fields.put("alipay_trans_id", p.paymentId());
        fields.put("currency", p.amount().currencyCode());
        fields.put("trans_amount", p.amount().toDecimalString());
        if (p.paymentTime() != null) {
            fields.put("alipay_pay_time", time(p.paymentTime()));
        }
        if (p.customer() != null) {
            putIfPresent(fields, "alipay_buyer_login_id", p.customer().displayCustomerId());
            putIfPresent(fields, "alipay_buyer_user_id", p.customer().pspCustomerId());
        }
        return fields;
    }

    /**
     * A notification's parameters before {@code notify_time}, {@code sign_type} and {@code sign}, which each attempt
     * adds (§8.2: a notification is signed like a request): the transaction, its trade_status and, for a closed one,
     * the reason as {@code error}.
     */
    public static Map<String, String> notification(Payment p, String notifyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_id", notifyId);
        fields.put("notify_type", NOTIFY_TYPE);
        fields.put("trade_status", tradeStatus(p));
        fields.putAll(transaction(p));
        if (!"TRADE_SUCCESS".equals(fields.get("trade_status"))) {
            putIfPresent(fields, "error", p.resultCode());
        }
        return fields;
    }

    /** The notify_type of a refund's verdict: a type of its own, so a client that knows only trade_status_sync ignores it. */
    public static final String REFUND_NOTIFY_TYPE = "refund_status_sync";

    /**
     * A refund verdict's parameters before {@code notify_time}, {@code sign_type} and {@code sign} (§8.6 "is_sync N
     * ... async → notify_url"; §8 shows no refund notification, so this is the gateway's own): the refund's ids,
     * amount, {@code refund_status} REFUND_SUCCESS or REFUND_FAIL (the wallet's reason in {@code error}) and its time.
     */
    public static Map<String, String> refundNotification(Refund r, String notifyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_id", notifyId);
        fields.put("notify_type", REFUND_NOTIFY_TYPE);
        fields.put("alipay_trans_id", r.paymentId());
        fields.put("partner_refund_id", r.refundRequestId());
        fields.put("refund_amount", r.amount().toDecimalString());
        fields.put("currency", r.amount().currencyCode());
        boolean refunded = r.status() == RefundStatus.SUCCESS;
        fields.put("refund_status", refunded ? "REFUND_SUCCESS" : "REFUND_FAIL");
        if (r.refundTime() != null) {
            fields.put("refund_time", time(r.refundTime()));
        }
        if (!refunded) {
            putIfPresent(fields, "error", r.resultCode());
        }
        return fields;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
