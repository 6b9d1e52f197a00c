package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of what the simulated wallet knows about one paymentRequestId.
 *
 * @param paymentId     the wallet's own id; null for a pay that was refused outright or a cancel that came first
 * @param customerId    null when the payment code was unknown or the cancel came first
 * @param amount        null when the cancel came first (the wallet never saw the pay)
 * @param resultCode    the payment result as inquiryPayment reports it (SUCCESS, PAYMENT_IN_PROCESS, a decline
 *                      reason, ORDER_IS_CLOSED)
 * @param behaviour     the behaviour the pay was processed with (null when the cancel came first)
 * @param charges       how many times money was taken for it; never more than 1
 * @param refundedMinor credited back to the customer by refunds (not by a cancel)
 */
public record SimulatedPayment(String paymentRequestId, String paymentId, String customerId, Status status,
                               Money amount, String resultCode, Behaviour behaviour, int charges, long refundedMinor,
                               List<SimulatedRefund> refunds, Instant createdAt, Instant paymentTime,
                               Instant cancelledAt) {

    public SimulatedPayment {
        refunds = List.copyOf(refunds);
    }

    public enum Status {
        /** Money taken (and not given back by a cancel). */
        PAID,
        /** In process: the customer has not been charged yet. */
        PENDING,
        /** Refused, nothing taken. */
        DECLINED,
        /** Cancelled: refunded if it had been charged; a later pay for it is refused. */
        CANCELLED
    }
}
