package dev.scanpay.simulator;

import java.time.Instant;

/**
 * A notifyPayment the wallet owes the gateway. It names the payment, not the message: the body is made
 * when it is sent, from where the payment stands then, so a cancel in the meantime changes what is sent.
 *
 * @param notifyUrl where to post it as the gateway gave it (absolute, or a path on the gateway); null means
 *                  the gateway's default notifyPayment path
 * @param dueAt     on the simulator clock
 */
record PlannedNotification(String paymentRequestId, String notifyUrl, Instant dueAt, NotificationStyle style) {
}
