package dev.scanpay.core.service.reconcile;

import java.time.Instant;

/**
 * One line of a wallet's own settlement file: what it says it charged (PAYMENT), gave back by a cancel
 * (CANCEL) or refunded (REFUND). Ids are as the wallet knows them: {@code paymentRequestId} is the gateway's
 * paymentId, {@code refundRequestId} the gateway's refundId. The currency is kept as written, so a wrong one is
 * a break to report, not a file to refuse.
 */
public record WalletRecord(String transactionType, String paymentRequestId, String refundRequestId,
                           String walletTransactionId, long minor, String currency, Instant time) {

    /** What a record is matched on: its type and the gateway's id it is about. */
    public String matchKey() {
        return transactionType + "|" + ("REFUND".equals(transactionType) ? refundRequestId : paymentRequestId);
    }
}
