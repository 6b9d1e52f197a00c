package dev.scanpay.simulator;

import java.time.Instant;

/**
 * One line of the wallet's settlement file: a charge (PAYMENT), the money given back by a cancel (CANCEL) or a
 * refund (REFUND). {@code paymentRequestId} and {@code refundRequestId} are the gateway's ids as the wallet
 * received them; the currency is a plain code so a test can make it wrong.
 */
public record SettlementRecord(String transactionType, String paymentRequestId, String refundRequestId,
                               String walletTransactionId, long minor, String currency, Instant time) {

    /** The transaction a record is about: its type and the gateway's id. */
    public String key() {
        return key(transactionType, "REFUND".equals(transactionType) ? refundRequestId : paymentRequestId);
    }

    static String key(String transactionType, String id) {
        return transactionType + "|" + id;
    }
}
