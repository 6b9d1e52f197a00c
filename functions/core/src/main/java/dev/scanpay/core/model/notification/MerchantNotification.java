package dev.scanpay.core.model.notification;

import dev.scanpay.core.model.payment.NotifyFormat;
import java.time.Instant;

/**
 * A notification owed to a merchant: written in the same transaction as the payment's final result,
 * its body fixed then (so every attempt sends the same content and the same {@code notificationId}). An AMS
 * notifyPayment's body is the JSON sent; a legacy one's is its unsigned parameters as a JSON object of strings,
 * signed (with a fresh notify_time) at each attempt.
 *
 * @param attempts    attempts made so far
 * @param nextCheckAt when the next attempt is due; null once delivered, dead-lettered or superseded
 * @param lastProblem what the last failed attempt got (HTTP status, a non-S result, no answer)
 * @param format      how it is sent: AMS's signed JSON, or the legacy signed form with its sign_type
 */
public record MerchantNotification(
        String notificationId,
        String paymentId,
        String clientId,
        String url,
        String body,
        String resultStatus,
        NotificationStatus status,
        int attempts,
        Instant createdAt,
        Instant nextCheckAt,
        Instant deliveredAt,
        String lastProblem,
        long version,
        NotifyFormat format) {

    public MerchantNotification {
        format = format == null ? NotifyFormat.AMS : format;
    }

    /** An AMS notifyPayment. */
    public MerchantNotification(String notificationId, String paymentId, String clientId, String url, String body,
                                String resultStatus, NotificationStatus status, int attempts, Instant createdAt,
                                Instant nextCheckAt, Instant deliveredAt, String lastProblem, long version) {
        this(notificationId, paymentId, clientId, url, body, resultStatus, status, attempts, createdAt, nextCheckAt,
                deliveredAt, lastProblem, version, NotifyFormat.AMS);
    }

    public MerchantNotification with(NotificationStatus newStatus, int newAttempts, Instant newNextCheckAt,
                                     Instant newDeliveredAt, String newLastProblem) {
        return new MerchantNotification(notificationId, paymentId, clientId, url, body, resultStatus, newStatus, newAttempts,
                createdAt, newNextCheckAt, newDeliveredAt, newLastProblem, version, format);
    }
}
