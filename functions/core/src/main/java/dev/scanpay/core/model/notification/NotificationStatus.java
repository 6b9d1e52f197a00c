package dev.scanpay.core.model.notification;

/**
 * Where a merchant notification stands. Which moves are legal is declared in one place:
 * {@code dev.scanpay.core.rules.NotificationMachine}; the store refuses any other.
 */
public enum NotificationStatus {
    /** Waiting for its next attempt ({@code nextCheckAt}). */
    PENDING,
    /** The merchant answered with result S. */
    DELIVERED,
    /** Every attempt of the schedule failed; kept for the merchant to list and have resent. */
    DEAD_LETTERED,
    /**
     * Not sent: the payment's outcome changed before delivery (a success the merchant reversed by cancel),
     * so the merchant is never told a result the payment no longer has.
     */
    SUPERSEDED
}
