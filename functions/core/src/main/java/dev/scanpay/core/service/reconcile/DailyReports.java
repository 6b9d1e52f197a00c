package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.core.store.WalletStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one business day's files from the ledger: for every registered client its transaction details and
 * summary, for every registered wallet its clearing file and, against the wallet's own records, its break report.
 * Entries stream from a paged Query into the files, so the day is never held in memory; the files' content
 * depends only on the ledger and the wallet's records, so running a day again writes the same bytes. A day
 * without entries still gets every file (a header and {@code <END>}).
 */
public class DailyReports {

    private static final Logger LOG = LoggerFactory.getLogger(DailyReports.class);
    /** The line each break is logged with (the metric is {@link Metrics.Name#BREAKS_FOUND}; the line says which). */
    public static final String BREAK_LINE = "Reconciliation break";

    private final LedgerStore ledger;
    private final ClientStore clients;
    private final WalletStore wallets;
    private final ReportStore store;
    private final WalletRecords walletRecords;
    private final BusinessDay days;
    private final Metrics metrics;

    public DailyReports(LedgerStore ledger, ClientStore clients, WalletStore wallets, ReportStore store,
                        WalletRecords walletRecords, BusinessDay days, Metrics metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.clients = clients;
        this.wallets = wallets;
        this.store = store;
        this.walletRecords = walletRecords;
        this.days = days;
    }

    /**
     * What one run wrote.
     *
     * @param entriesRead     ledger items the Queries read (each entry twice: its client's day and its wallet's)
     * @param breaks          breaks found, by type (every type present, zero or more)
     * @param walletsUnchecked wallets whose own records could not be had: no break report for them this run
     */
    public record DayReport(LocalDate day, List<String> files, long entriesRead, Map<BreakType, Long> breaks,
                            List<String> walletsUnchecked) {

        public long breakCount() {
            return breaks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public DayReport run(LocalDate day) {
        ReportTimes times = new ReportTimes(days.zone());
        List<String> files = new ArrayList<>();
        Map<BreakType, Long> breaks = new EnumMap<>(BreakType.class);
        for (BreakType type : BreakType.values()) {
            breaks.put(type, 0L);
        }
        List<String> unchecked = new ArrayList<>();
        long read = 0;
        for (String clientId : clients.ids()) {
            read += clientDay(clientId, day, times, files);
        }
        for (Wallet wallet : wallets.all()) {
            read += walletDay(wallet, day, times, files, breaks, unchecked);
        }
        LOG.info("Reports for {}: {} files, {} ledger items read, {} breaks {}", day, files.size(), read,
                breaks.values().stream().mapToLong(Long::longValue).sum(), breaks);
        return new DayReport(day, List.copyOf(files), read, breaks, List.copyOf(unchecked));
    }

    private long clientDay(String clientId, LocalDate day, ReportTimes times, List<String> files) {
        String prefix = ReportKeys.clientDay(clientId, day);
        DaySummary summary = new DaySummary();
        try (CsvFile transactions = new CsvFile(TransactionsCsv.HEADER); CsvFile totals = new CsvFile(DaySummary.HEADER)) {
            long read = ledger.forEachOfClient(clientId, day, entry -> {
                transactions.row(TransactionsCsv.row(entry, times));
                summary.add(entry);
            });
            transactions.storeAs(store, prefix + ReportKeys.TRANSACTIONS);
            summary.writeTo(totals);
            totals.storeAs(store, prefix + ReportKeys.SUMMARY);
            files.add(prefix + ReportKeys.TRANSACTIONS);
            files.add(prefix + ReportKeys.SUMMARY);
            return read;
        }
    }

    private long walletDay(Wallet wallet, LocalDate day, ReportTimes times, List<String> files,
                           Map<BreakType, Long> breaks, List<String> unchecked) {
        String prefix = ReportKeys.walletDay(wallet.walletId(), day);
        try (CsvFile clearing = new CsvFile(ClearingCsv.HEADER); CsvFile breakFile = new CsvFile(Break.HEADER)) {
            Map<BreakType, Long> walletBreaks = new EnumMap<>(BreakType.class);
            BreakFinder finder = new BreakFinder(found -> {
                breakFile.row(found.row());
                breaks.merge(found.type(), 1L, Long::sum);
                walletBreaks.merge(found.type(), 1L, Long::sum);
                LOG.warn("{} {} wallet={} day={} {} payment={} refund={}", BREAK_LINE, found.type(), wallet.walletId(), day,
                        found.transactionType(), found.paymentRequestId(), found.refundRequestId());
            });
            boolean checked = true;
            try {
                walletRecords.forEach(wallet, days.start(day), days.end(day), finder::walletSays);
            } catch (WalletRecords.Unavailable e) {
                LOG.warn("No break report for wallet {} on {}: its records could not be read ({})", wallet.walletId(), day,
                        e.getMessage());
                unchecked.add(wallet.walletId());
                metrics.count(Metrics.Name.WALLET_RECORDS_UNREAD);
                checked = false;
            }
            boolean compare = checked;
            long read = ledger.forEachOfWallet(wallet.walletId(), day, entry -> {
                clearing.row(ClearingCsv.row(entry, times));
                if (compare) {
                    finder.gatewaySays(entry);
                }
            });
            clearing.storeAs(store, prefix + ReportKeys.CLEARING);
            files.add(prefix + ReportKeys.CLEARING);
            if (compare) {
                finder.finish();
                breakFile.storeAs(store, prefix + ReportKeys.BREAKS);
                files.add(prefix + ReportKeys.BREAKS);
                for (BreakType type : BreakType.values()) {
                    metrics.put(Metrics.Name.BREAKS_FOUND, walletBreaks.getOrDefault(type, 0L), type.name());
                }
            }
            return read;
        }
    }
}
