package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.ledger.LedgerEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of a day: count and sum per currency and transaction type, and per currency the NET (payments less
 * cancels and refunds), in minor units. Holds one small total per currency and type, never the entries.
 */
final class DaySummary {

    static final List<String> HEADER = List.of("transactionCurrency", "summaryType", "count", "transactionAmountValue");
    private static final List<String> TYPES = List.of("PAYMENT", "CANCEL", "REFUND");

    private record Total(long count, long minor) {
        Total plus(long amount) {
            return new Total(count + 1, Math.addExact(minor, amount));
        }
    }

    /** currency -> transactionType -> total, both in a fixed order. */
    private final Map<String, Map<String, Total>> totals = new TreeMap<>();

    void add(LedgerEntry e) {
        totals.computeIfAbsent(e.amount().currencyCode(), c -> new TreeMap<>())
                .merge(e.type().transactionType(), new Total(1, e.amount().minor()),
                        (a, b) -> a.plus(b.minor()));
    }

    /** The signed total of a currency: what the merchant is owed for the day. */
    long net(String currency) {
        Map<String, Total> byType = totals.getOrDefault(currency, Map.of());
        long net = 0;
        for (Map.Entry<String, Total> t : byType.entrySet()) {
            net = Math.addExact(net, t.getKey().equals("PAYMENT") ? t.getValue().minor() : -t.getValue().minor());
        }
        return net;
    }

    void writeTo(CsvFile file) {
        totals.forEach((currency, byType) -> {
            long count = 0;
            for (String type : TYPES) {
                Total t = byType.getOrDefault(type, new Total(0, 0));
                count += t.count();
                file.row(List.of(currency, type, Long.toString(t.count()), Long.toString(t.minor())));
            }
            file.row(List.of(currency, "NET", Long.toString(count), Long.toString(net(currency))));
        });
    }
}
