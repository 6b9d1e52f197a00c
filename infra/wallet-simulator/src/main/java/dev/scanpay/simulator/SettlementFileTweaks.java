package dev.scanpay.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a test or demo did to the wallet's settlement file, to create each kind of break: a record dropped,
 * altered (amount or currency) or added (a duplicate, or one the gateway never heard of). The wallet's books
 * themselves are not touched: only the file it gives out. Guarded by the ledger's lock.
 */
final class SettlementFileTweaks {

    private final Set<String> dropped = new HashSet<>();
    private final Map<String, long[]> alteredMinor = new HashMap<>();
    private final Map<String, String> alteredCurrency = new HashMap<>();
    private final List<SettlementRecord> added = new ArrayList<>();

    void drop(String key) {
        dropped.add(key);
    }

    void alter(String key, Long minor, String currency) {
        if (minor != null) {
            alteredMinor.put(key, new long[] {minor});
        }
        if (currency != null) {
            alteredCurrency.put(key, currency);
        }
    }

    void add(SettlementRecord record) {
        added.add(record);
    }

    void clear() {
        dropped.clear();
        alteredMinor.clear();
        alteredCurrency.clear();
        added.clear();
    }

    /** The file as given out: the books' records, tweaked, in time order (then by key). */
    List<SettlementRecord> apply(List<SettlementRecord> fromBooks) {
        List<SettlementRecord> out = new ArrayList<>();
        for (SettlementRecord r : fromBooks) {
            if (dropped.contains(r.key())) {
                continue;
            }
            long[] minor = alteredMinor.get(r.key());
            String currency = alteredCurrency.get(r.key());
            out.add(new SettlementRecord(r.transactionType(), r.paymentRequestId(), r.refundRequestId(),
                    r.walletTransactionId(), minor == null ? r.minor() : minor[0], currency == null ? r.currency() : currency,
                    r.time()));
        }
        out.addAll(added);
        out.sort(Comparator.comparing(SettlementRecord::time).thenComparing(r -> r.key()));
        return out;
    }
}
