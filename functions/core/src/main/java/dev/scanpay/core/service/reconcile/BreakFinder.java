package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.ledger.LedgerEntry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compares one wallet's day: its own records, loaded first ({@link #walletSays}), then the ledger's entries streamed
 * past them ({@link #gatewaySays}); {@link #finish} reports what the wallet has and the ledger never matched. Each
 * disagreement is reported once, by the most telling type. Holds the wallet's records of the day (a key, an amount
 * and a currency each), not the ledger's.
 */
final class BreakFinder {

    private final Map<String, WalletRecord> unmatched = new TreeMap<>();
    /** Payments the wallet shows as charged: a cancel the wallet lacks for one of these was reversed here only. */
    private final Set<String> capturedThere = new HashSet<>();
    private final Consumer<Break> out;

    BreakFinder(Consumer<Break> out) {
        this.out = out;
    }

    void walletSays(WalletRecord record) {
        if (unmatched.putIfAbsent(record.matchKey(), record) != null) {
            out.accept(fromWallet(BreakType.DUPLICATE, record));
            return;
        }
        if ("PAYMENT".equals(record.transactionType())) {
            capturedThere.add(record.paymentRequestId());
        }
    }

    void gatewaySays(LedgerEntry entry) {
        String type = entry.type().transactionType();
        boolean refund = "REFUND".equals(type);
        String key = type + "|" + (refund ? entry.refundId() : entry.paymentId());
        WalletRecord there = unmatched.remove(key);
        if (there == null) {
            BreakType missing = refund ? BreakType.REFUND_MISMATCH
                    : "CANCEL".equals(type) && capturedThere.contains(entry.paymentId()) ? BreakType.REVERSED_HERE_CAPTURED_THERE
                    : BreakType.MISSING_AT_WALLET;
            out.accept(new Break(missing, type, entry.paymentId(), entry.refundId(), entry.walletPaymentId(),
                    entry.amount().minor(), entry.amount().currencyCode(), null, null));
            return;
        }
        boolean sameCurrency = entry.amount().currencyCode().equals(there.currency());
        if (sameCurrency && entry.amount().minor() == there.minor()) {
            return;
        }
        BreakType mismatch = refund ? BreakType.REFUND_MISMATCH
                : sameCurrency ? BreakType.AMOUNT_MISMATCH : BreakType.CURRENCY_MISMATCH;
        out.accept(new Break(mismatch, type, entry.paymentId(), entry.refundId(), there.walletTransactionId(),
                entry.amount().minor(), entry.amount().currencyCode(), there.minor(), there.currency()));
    }

    /** The wallet's records the ledger never matched, in key order. */
    void finish() {
        unmatched.values().forEach(record -> out.accept(fromWallet(
                "REFUND".equals(record.transactionType()) ? BreakType.REFUND_MISMATCH : BreakType.MISSING_AT_GATEWAY, record)));
        unmatched.clear();
    }

    private static Break fromWallet(BreakType type, WalletRecord r) {
        return new Break(type, r.transactionType(), r.paymentRequestId(), r.refundRequestId(), r.walletTransactionId(),
                null, null, r.minor(), r.currency());
    }
}
