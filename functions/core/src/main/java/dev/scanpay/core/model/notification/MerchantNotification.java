package dev.scanpay.core.model.notification;

import java.time.Instant;

/**
 * A notifyPayment owed to a merchant: written in the same transaction as the payment's final result,
 * its body fixed then (so every attempt sends the same bytes' content and the same {@code notificationId}).
 *
 * @param attempts    attempts made so far
 * @param nextCheckAt when the next attempt is due; null once delivered, dead-lettered or superseded
 * @param lastProblem what the last failed attempt got (HTTP status, a non-S result, no answer)
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
        long version) {

    public MerchantNotification with(NotificationStatus newStatus, int newAttempts, Instant newNextCheckAt,
                                     Instant newDeliveredAt, String newLastProblem) {
        return new MerchantNotification(notificationId, paymentId, clientId, url, body, resultStatus, newStatus, newAttempts,
                createdAt, newNextCheckAt, newDeliveredAt, newLastProblem, version);
    }
}
