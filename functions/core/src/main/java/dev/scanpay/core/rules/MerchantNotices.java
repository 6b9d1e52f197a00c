package dev.scanpay.core.rules;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.wire.AmsPaymentView;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.wire.LegacyWire;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Clock;
import java.util.Optional;

/**
 * Which changes of a payment the merchant must hear about, and the notification that says so: a payment
 * reaching SUCCESS or FAIL, or closed by the gateway at its deadline (F ORDER_IS_CLOSED), except an
 * entry-code payment no wallet ever took, which closes silently. A cancel the
 * merchant asked for is answered to the merchant directly, and a wallet's success after a cancel changes
 * nothing the merchant is told: so no SUCCESS ever goes out for a payment the gateway has closed.
 */
public final class MerchantNotices {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Json json;
    private final Clock clock;

    public MerchantNotices(Json json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The payment's one notification: its id is the same however often the payment is looked at. */
    public static String notificationId(String paymentId) {
        return "N" + paymentId;
    }

    /** A refund's one notification (a legacy is_sync=N refund's verdict). */
    public static String refundNotificationId(String refundId) {
        return "R" + refundId;
    }

    /** Whether the notification reports a payment's result (not a refund's verdict). */
    public static boolean reportsPayment(MerchantNotification n) {
        return n.notificationId().startsWith("N");
    }

    /**
     * A refund reaching its verdict owes a notification only when it asked for one: a legacy is_sync=N refund with a
     * notify_url (§8.6). Its resultStatus is S for REFUND_SUCCESS, F for REFUND_FAIL.
     */
    public Optional<MerchantNotification> owedForRefund(Refund before, Refund after) {
        if (after.notifyUrl() == null || !after.notifyFormat().isLegacy() || before.status().isFinal()
                || !after.status().isFinal()) {
            return Optional.empty();
        }
        String id = refundNotificationId(after.refundId());
        byte[] body = json.write(LegacyWire.refundNotification(after, legacyNotifyId(id)));
        return Optional.of(new MerchantNotification(id, after.paymentId(), after.clientId(), after.notifyUrl(),
                new String(body, StandardCharsets.UTF_8), after.status() == RefundStatus.SUCCESS ? "S" : "F",
                NotificationStatus.PENDING, 0, clock.instant(), clock.instant(), null, null, 0, after.notifyFormat()));
    }

    /**
     * A legacy notification's notify_id: its notificationId, a dot, and 32 random hex digits, so that knowing (or
     * guessing) a payment's id is not knowing its notify_id: notify_verify, which partners call unsigned, answers
     * only for a notify_id the partner was sent.
     */
    static String legacyNotifyId(String notificationId) {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        return notificationId + "." + HexFormat.of().formatHex(secret);
    }

    /** The notificationId a legacy notify_id names (the part before its dot), if it has the notify_id's form. */
    public static Optional<String> notificationIdOfLegacy(String notifyId) {
        int dot = notifyId == null ? -1 : notifyId.lastIndexOf('.');
        return dot > 1 && notifyId.length() - dot - 1 == 32 ? Optional.of(notifyId.substring(0, dot)) : Optional.empty();
    }

    public Optional<MerchantNotification> owed(Payment before, Payment after) {
        if (after.notifyUrl() == null || before.status().hasOutcome() || !after.status().hasOutcome()) {
            return Optional.empty();
        }
        if (after.status() == PaymentStatus.CANCELLED && after.closedBy() != ClosedBy.TIMEOUT) {
            return Optional.empty();
        }
        if (after.scenario() == Scenario.ENTRY_CODE && before.status() == PaymentStatus.CREATED) {
            // no wallet ever took it: a stranger's submit of a public page, which the merchant asked nothing about;
            // notifying it would let anyone fill the merchant's endpoint and the notification queue
            return Optional.empty();
        }
        String id = notificationId(after.paymentId());
        // a legacy partner's notification is stored unsigned: each attempt signs it with a fresh notify_time
        byte[] body = after.notifyFormat().isLegacy()
                ? json.write(LegacyWire.notification(after, legacyNotifyId(id)))
                : json.write(AmsPaymentView.notification(after, id));
        return Optional.of(new MerchantNotification(id, after.paymentId(), after.clientId(), after.notifyUrl(),
                new String(body, StandardCharsets.UTF_8), after.status() == PaymentStatus.SUCCESS ? "S" : "F",
                NotificationStatus.PENDING, 0, clock.instant(), clock.instant(), null, null, 0, after.notifyFormat()));
    }
}
