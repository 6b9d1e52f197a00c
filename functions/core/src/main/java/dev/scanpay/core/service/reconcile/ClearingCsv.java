package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.ledger.LedgerEntry;
import java.util.Arrays;
import java.util.List;

/**
 * What the gateway believes one wallet captured, reversed and refunded in a day, one row per ledger entry, keyed
 * as the wallet knows each: {@code paymentRequestId} is the gateway's paymentId (what it sent the wallet),
 * {@code refundRequestId} the gateway's refundId.
 */
final class ClearingCsv {

    static final List<String> HEADER = List.of("wallet", "transactionType", "paymentRequestId", "refundRequestId",
            "walletTransactionId", "customerId", "referenceMerchantId", "transactionAmountValue", "transactionCurrency",
            "transactionTime");

    private ClearingCsv() {
    }

    static List<String> row(LedgerEntry e, ReportTimes times) {
        return Arrays.asList(
                TransactionsCsv.nz(e.walletId()),
                e.type().transactionType(),
                e.paymentId(),
                TransactionsCsv.nz(e.refundId()),
                TransactionsCsv.nz(e.walletPaymentId()),
                e.clientId(),
                TransactionsCsv.nz(e.referenceMerchantId()),
                Long.toString(e.amount().minor()),
                e.amount().currencyCode(),
                times.format(e.time()));
    }
}
