package dev.scanpay.simulator;

import java.time.Instant;

/**
 * One notifyPayment the wallet sent to the gateway, and what came back.
 *
 * @param paymentId       the wallet's own payment id
 * @param url             where it was posted
 * @param resultStatus    the paymentResult it reported: S or F
 * @param resultCode      SUCCESS, or why it failed (USER_BALANCE_NOT_ENOUGH, RISK_REJECT, ORDER_IS_CLOSED...)
 * @param badlySigned     sent on purpose with a signature that does not verify (behaviour BAD_SIGNATURE)
 * @param unsigned        sent on purpose without a Signature header (behaviour UNSIGNED)
 * @param sentAt          on the simulator clock
 * @param ackResultStatus the result status of the gateway's answer; null when there was no verified answer
 * @param ackResultCode   the result code of the gateway's answer; null when there was no verified answer
 * @param ackProblem      why there was no verified answer (unreachable, HTTP status, signature); null when there was
 */
public record SentNotification(String paymentRequestId, String paymentId, String url, String resultStatus,
                               String resultCode, boolean badlySigned, boolean unsigned, Instant sentAt,
                               String ackResultStatus, String ackResultCode, String ackProblem) {

    /** The gateway answered, verifiably, that it took the notification. */
    public boolean acknowledged() {
        return "S".equals(ackResultStatus);
    }
}
