package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import java.util.Arrays;
import java.util.List;

/**
 * A client's transaction details for a day, one row per ledger entry, in Antom's field names.
 * {@code transactionId} is the paymentId (PAYMENT, CANCEL) or refundId (REFUND); {@code originalTransactionId}
 * and {@code originalTransactionRequestId} name the payment a CANCEL or REFUND is of. Amounts are minor units
 * as on the AMS wire ({@code transactionAmountValue} 1250 USD is 12.50), always positive: the type says which way.
 */
final class TransactionsCsv {

    static final List<String> HEADER = List.of("customerId", "referenceMerchantId", "referenceStoreId", "transactionId",
            "originalTransactionId", "transactionRequestId", "originalTransactionRequestId", "transactionType",
            "productCode", "paymentMethodType", "paymentScenario", "wallet", "walletTransactionId",
            "transactionAmountValue", "transactionCurrency", "transactionCreationTime", "transactionCompletionTime",
            "remark");

    private TransactionsCsv() {
    }

    static List<String> row(LedgerEntry e, ReportTimes times) {
        boolean payment = e.type().transactionType().equals("PAYMENT");
        boolean refund = e.type() == LedgerEntryType.REFUND;
        return Arrays.asList(
                e.clientId(),
                nz(e.referenceMerchantId()),
                nz(e.referenceStoreId()),
                e.transactionId(),
                payment ? "" : e.paymentId(),
                refund ? nz(e.refundRequestId()) : nz(e.paymentRequestId()),
                payment ? "" : nz(e.paymentRequestId()),
                e.type().transactionType(),
                "IN_STORE_PAYMENT",
                "CONNECT_WALLET",
                e.scenario() == null ? "" : e.scenario().name(),
                nz(e.walletId()),
                nz(e.walletPaymentId()),
                Long.toString(e.amount().minor()),
                e.amount().currencyCode(),
                times.format(e.createdAt()),
                times.format(e.time()),
                remark(e.type()));
    }

    static String remark(LedgerEntryType type) {
        return switch (type) {
            case LATE_CAPTURE -> "late success: charged after the order closed";
            case LATE_REVERSAL -> "late success: cancelled by the gateway";
            default -> "";
        };
    }

    static String nz(String value) {
        return value == null ? "" : value;
    }
}
