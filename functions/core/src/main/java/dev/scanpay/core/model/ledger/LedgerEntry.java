package dev.scanpay.core.model.ledger;

import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One movement of money, as the gateway recorded it: immutable, written once, in the same DynamoDB
 * transaction as the state change that caused it. The amount is never negative; {@link #signedMinor()}
 * says which way it went for the merchant.
 *
 * @param entryId         unique per movement: the type and the payment's (or refund's) id
 * @param walletPaymentId the wallet's id of the charge (of the refunded payment, for a refund)
 * @param createdAt       when the transaction was asked for (Antom's transactionCreationTime)
 * @param time            when the money moved (transactionCompletionTime); its business day files the entry
 * @param businessDay     the day {@code time} falls in, in the settlement zone
 */
public record LedgerEntry(
        String entryId,
        LedgerEntryType type,
        String paymentId,
        String paymentRequestId,
        String refundId,
        String refundRequestId,
        String walletPaymentId,
        String clientId,
        String referenceMerchantId,
        String referenceStoreId,
        String walletId,
        Scenario scenario,
        Money amount,
        Instant createdAt,
        Instant time,
        LocalDate businessDay) {

    public LedgerEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(businessDay, "businessDay");
    }

    /** The id of the entry of {@code type} for a payment or refund id: one movement of each kind per record. */
    public static String idOf(LedgerEntryType type, String paymentOrRefundId) {
        return type.name() + "-" + paymentOrRefundId;
    }

    /** The amount in minor units, negative when it went back to the customer. */
    public long signedMinor() {
        return type.sign() * amount.minor();
    }

    /** The id Antom's files name the transaction by: the refundId for a refund, else the paymentId. */
    public String transactionId() {
        return refundId != null ? refundId : paymentId;
    }
}
