package dev.scanpay.core.model.notification;

import dev.scanpay.core.model.payment.NotifyFormat;
import java.time.Instant;

/**
 * A notification owed to a merchant: written in the same transaction as the payment's final result,
 * its body fixed then (so every attempt sends the same content and the same {@code notificationId}). An AMS
 * notifyPayment's body is the JSON sent; a legacy one's is its unsigned parameters as a JSON object of strings,
 * signed (with a fresh notify_time) at each attempt.
 *
 * @param attempts    attempts made so far: sends whose outcome (acknowledged, or failed with a problem) is recorded. A
 *                    send that went out but whose outcome was never recorded (the write failed, the function died)
 *                    does not count, so its repeat is not one of the eight
 * @param claims      sends started (claims taken): one ahead of {@code attempts} while a send is in flight, and more
 *                    for each send whose outcome was never recorded (see {@link #unrecordedSends})
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
        NotifyFormat format,
        int claims) {

    public MerchantNotification {
        format = format == null ? NotifyFormat.AMS : format;
        // every recorded attempt was claimed first; an item stored before claims were counted has none
        claims = Math.max(claims, attempts);
    }

    /** A notification in {@code format} whose sends were all recorded (claims as many as attempts). */
    public MerchantNotification(String notificationId, String paymentId, String clientId, String url, String body,
                                String resultStatus, NotificationStatus status, int attempts, Instant createdAt,
                                Instant nextCheckAt, Instant deliveredAt, String lastProblem, long version,
                                NotifyFormat format) {
        this(notificationId, paymentId, clientId, url, body, resultStatus, status, attempts, createdAt, nextCheckAt,
                deliveredAt, lastProblem, version, format, attempts);
    }

    /** An AMS notifyPayment. */
    public MerchantNotification(String notificationId, String paymentId, String clientId, String url, String body,
                                String resultStatus, NotificationStatus status, int attempts, Instant createdAt,
                                Instant nextCheckAt, Instant deliveredAt, String lastProblem, long version) {
        this(notificationId, paymentId, clientId, url, body, resultStatus, status, attempts, createdAt, nextCheckAt,
                deliveredAt, lastProblem, version, NotifyFormat.AMS, attempts);
    }

    /**
     * Sends started whose outcome was never recorded, counting one in flight: what the claim guard of
     * {@code NotificationMachine} bounds, so a notification whose outcome can never be written is not sent forever.
     */
    public int unrecordedSends() {
        return claims - attempts;
    }

    /** The same notification with these fields changed; its claims stay (at least {@code newAttempts}). */
    public MerchantNotification with(NotificationStatus newStatus, int newAttempts, Instant newNextCheckAt,
                                     Instant newDeliveredAt, String newLastProblem) {
        return new MerchantNotification(notificationId, paymentId, clientId, url, body, resultStatus, newStatus, newAttempts,
                createdAt, newNextCheckAt, newDeliveredAt, newLastProblem, version, format, claims);
    }

    /** The same notification with {@code newClaims} sends started. */
    public MerchantNotification withClaims(int newClaims) {
        return new MerchantNotification(notificationId, paymentId, clientId, url, body, resultStatus, status, attempts,
                createdAt, nextCheckAt, deliveredAt, lastProblem, version, format, newClaims);
    }
}
