package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.simulator.SimulatedPayment.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The wallet's mutable record of one paymentRequestId. Guarded by the ledger's lock. */
final class PaymentEntry {

    final String paymentRequestId;
    final Instant createdAt;
    String paymentId;
    String customerId;
    Money amount;
    /** Kept in memory only, to tell a true repeat from a different pay under the same id; never logged. */
    String paymentCode;
    Behaviour behaviour;
    /** Made by a customer's scan (userInitiatedPay), not by the gateway's pay: its behaviour shapes notifications. */
    boolean scanned;
    Status status;
    String resultCode;
    String resultMessage;
    Instant settleAt;
    Instant paymentTime;
    Instant cancelledAt;
    int charges;
    final List<RefundEntry> refunds = new ArrayList<>();

    PaymentEntry(String paymentRequestId, Instant createdAt) {
        this.paymentRequestId = paymentRequestId;
        this.createdAt = createdAt;
    }

    /** A cancel that arrived before any pay: it exists only to refuse that pay. */
    boolean isCancelPlaceholder() {
        return amount == null;
    }

    void declined(String code, String message) {
        status = Status.DECLINED;
        resultCode = code;
        resultMessage = message;
    }

    /** The payment's own result, as pay answers it and inquiryPayment reports it in paymentResult. */
    Result paymentResult() {
        switch (status) {
            case PAID:
                return new Result("SUCCESS", ResultStatus.S, "success");
            case PENDING:
                return new Result("PAYMENT_IN_PROCESS", ResultStatus.U, "payment in process");
            case CANCELLED:
                return new Result("ORDER_IS_CLOSED", ResultStatus.F, "the payment was cancelled");
            default:
                return new Result(resultCode, ResultStatus.F, resultMessage);
        }
    }

    /** Refunded plus still being refunded: what a new refund must stay within. */
    long committedRefundsMinor() {
        return refunds.stream().filter(r -> r.status != SimulatedRefund.Status.FAILED).mapToLong(r -> r.amount.minor()).sum();
    }

    long refundedMinor() {
        return refunds.stream().filter(r -> r.status == SimulatedRefund.Status.SUCCESS).mapToLong(r -> r.amount.minor()).sum();
    }

    SimulatedPayment snapshot() {
        return new SimulatedPayment(paymentRequestId, paymentId, customerId, status, amount, paymentResult().resultCode(),
                behaviour, charges, refundedMinor(), refunds.stream().map(RefundEntry::snapshot).toList(), createdAt,
                paymentTime, cancelledAt);
    }
}
