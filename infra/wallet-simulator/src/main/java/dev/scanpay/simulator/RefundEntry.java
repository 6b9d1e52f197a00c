package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.simulator.SimulatedRefund.Status;
import java.time.Instant;

/** The wallet's mutable record of one refundRequestId. Guarded by the ledger's lock. */
final class RefundEntry {

    final String refundRequestId;
    final String paymentRequestId;
    final Money amount;
    final Instant createdAt;
    String refundId;
    Status status;
    String resultCode;
    String resultMessage;
    Instant settleAt;
    Instant refundTime;
    /** Whether answers about this refund are held and dropped (REFUND_NO_ANSWER), repeats included. */
    boolean unanswered;

    RefundEntry(String refundRequestId, String paymentRequestId, Money amount, Instant createdAt) {
        this.refundRequestId = refundRequestId;
        this.paymentRequestId = paymentRequestId;
        this.amount = amount;
        this.createdAt = createdAt;
    }

    void failed(String code, String message) {
        status = Status.FAILED;
        resultCode = code;
        resultMessage = message;
    }

    Result result() {
        switch (status) {
            case SUCCESS:
                return new Result("SUCCESS", ResultStatus.S, "success");
            case PENDING:
                return new Result("REFUND_IN_PROCESS", ResultStatus.U, "refund in process");
            default:
                return new Result(resultCode, ResultStatus.F, resultMessage);
        }
    }

    SimulatedRefund snapshot() {
        return new SimulatedRefund(refundRequestId, refundId, paymentRequestId, amount, status, result().resultCode(),
                createdAt, refundTime);
    }
}
