package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.time.Instant;

/** A snapshot of one refund the simulated wallet recorded, by refundRequestId. */
public record SimulatedRefund(String refundRequestId, String refundId, String paymentRequestId, Money amount,
                              Status status, String resultCode, Instant createdAt, Instant refundTime) {

    public enum Status {
        SUCCESS, PENDING, FAILED
    }
}
