package dev.scanpay.core.service.reconcile;

import java.util.Arrays;
import java.util.List;

/**
 * One disagreement between the ledger and a wallet's file, as a row of {@code breaks.csv}. Amounts are minor units;
 * a side that has no record leaves its amount and currency empty.
 */
public record Break(BreakType type, String transactionType, String paymentRequestId, String refundRequestId,
                    String walletTransactionId, Long gatewayMinor, String gatewayCurrency, Long walletMinor,
                    String walletCurrency) {

    static final List<String> HEADER = List.of("breakType", "transactionType", "paymentRequestId", "refundRequestId",
            "walletTransactionId", "gatewayAmountValue", "gatewayCurrency", "walletAmountValue", "walletCurrency");

    List<String> row() {
        return Arrays.asList(type.name(), transactionType, nz(paymentRequestId), nz(refundRequestId), nz(walletTransactionId),
                gatewayMinor == null ? "" : gatewayMinor.toString(), nz(gatewayCurrency),
                walletMinor == null ? "" : walletMinor.toString(), nz(walletCurrency));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
