package dev.scanpay.bench;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.service.reconcile.DailyReports;
import dev.scanpay.core.service.reconcile.DirectoryReportStore;
import dev.scanpay.core.service.reconcile.WalletRecords;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What writing one business day's reports costs as the day grows, whatever else the table holds: per size, a fresh
 * in-memory DynamoDB Local with N ledger entries on the day and {@code --noise} on each of the days before and after
 * (all made by core's PaymentStore, as captures), then {@link DailyReports#run} for the day: one client's
 * transactions and summary, one wallet's clearing file. Items read come from the Query responses' ScannedCount;
 * memory is the most heap left in use after any collection during the run, above what was in use before it
 * ({@link LiveHeap}; DynamoDB Local lives in the same JVM, so its share is in it too). See README.md.
 */
final class ReportBench {

    static final String TABLE = "report";
    private static final String CLIENT_ID = "BENCH_MERCHANT";
    private static final String WALLET_ID = "SIMWALLET";
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    private record Result(int entries, int noise, long loaded, double loadSeconds, double runSeconds, long queries, long scans,
                          long itemsRead, long rows, long peakHeapMb, long heapBeforeMb, long collections) {
    }

    private ReportBench() {
    }

    static void run(BenchFiles files, Options options) {
        List<Integer> sizes = options.integers("entries", "10000,100000");
        int noise = options.integer("noise", 50_000);
        int threads = options.integer("threads", 4);
        System.out.printf(Locale.ROOT, "Report: one day of %s ledger entries, %,d on each neighbouring day; %d loader threads%n",
                sizes, noise, threads);
        List<Result> results = new ArrayList<>();
        for (int entries : sizes) {
            results.add(measure(entries, noise, threads));
        }
        Markdown table = new Markdown("Entries on the day", "Other days' entries", "Queries", "Scans", "Items read",
                "Rows written", "Run s", "Live heap after GC, most above start MB");
        for (Result r : results) {
            table.row(String.format(Locale.ROOT, "%,d", r.entries()), String.format(Locale.ROOT, "%,d", 2 * r.noise()),
                    Long.toString(r.queries()), Long.toString(r.scans()), String.format(Locale.ROOT, "%,d", r.itemsRead()),
                    String.format(Locale.ROOT, "%,d", r.rows()), String.format(Locale.ROOT, "%.1f", r.runSeconds()),
                    Long.toString(r.peakHeapMb()));
        }
        String markdown = "## Report: one business day's files from the ledger\n\nMeasured " + Machine.now()
                + " with `java -jar infra/bench/target/scanpay-bench.jar report`. Items read are each entry twice (its "
                + "client's day and its wallet's day), never the other days' entries.\n\n" + table.render() + "\n"
                + Machine.markdown();
        System.out.println();
        System.out.print(markdown);
        System.out.println("Written to " + files.writeResults("report", markdown));
    }

    private static Result measure(int entries, int noise, int threads) {
        System.out.printf(Locale.ROOT, "N=%d: fresh DynamoDB Local (in memory) and table%n", entries);
        Path out;
        try {
            out = Files.createTempDirectory("scanpay-report-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.inMemory(); DynamoDbClient db = dynamo.client()) {
            ScanpayTable.ensure(db, TABLE);
            new ClientStore(db, TABLE).put(new Client(CLIENT_ID, CLIENT_ID, ClientKind.MERCHANT,
                    Map.of("1", RsaKeys.encode(RsaKeys.generate().getPublic())), Set.of(), null, NotifyUrlPrefixes.NONE, Instant.now()));
            new WalletStore(db, TABLE).put(new Wallet(WALLET_ID, "SIMPAY", "http://127.0.0.1:9/mpp/v1",
                    Map.of("1", RsaKeys.encode(RsaKeys.generate().getPublic())), List.of("2899"), null, null));
            long t0 = System.nanoTime();
            long loaded = load(db, DAY, entries, threads) + load(db, DAY.minusDays(1), noise, threads)
                    + load(db, DAY.plusDays(1), noise, threads);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  loaded %,d ledger entries in %.1f s%n", loaded, loadSeconds);

            CountingDynamo counter = new CountingDynamo(db);
            // the wallet's own records are not part of this measure: its break report is skipped, its clearing file made
            WalletRecords none = (wallet, from, until, each) -> {
                throw new WalletRecords.Unavailable("not measured");
            };
            DailyReports reports = new DailyReports(new LedgerStore(counter, TABLE), new ClientStore(counter, TABLE),
                    new WalletStore(counter, TABLE), new DirectoryReportStore(out), none, BusinessDay.ALIPAY, Metrics.NONE);
            System.gc();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            DailyReports.DayReport report;
            double runSeconds;
            long peakLive;
            long collections;
            try (LiveHeap live = new LiveHeap()) {
                long r0 = System.nanoTime();
                report = reports.run(DAY);
                runSeconds = (System.nanoTime() - r0) / 1e9;
                peakLive = live.peakBytes();
                collections = live.collections();
            }
            long rows = lines(out.resolve("reports/" + CLIENT_ID + "/" + DAY + "/transactions.csv")) - 2;
            if (rows != entries || report.entriesRead() != 2L * entries) {
                throw new IllegalStateException("wrote " + rows + " rows, read " + report.entriesRead() + " entries; expected "
                        + entries + " and " + 2L * entries);
            }
            Result r = new Result(entries, noise, loaded, loadSeconds, runSeconds, counter.queries, counter.scans,
                    counter.scannedCount, rows, Math.max(0, peakLive - before) >> 20, before >> 20, collections);
            System.out.printf(Locale.ROOT, "  run %.1f s, %d queries, %d scans, %,d items read, %,d rows, live heap after GC "
                    + "at most +%d MB over the %d MB before (%d collections)%n",
                    runSeconds, r.queries(), r.scans(), r.itemsRead(), rows, r.peakHeapMb(), r.heapBeforeMb(), collections);
            return r;
        }
    }

    private static long lines(Path file) {
        try (var stream = Files.lines(file)) {
            return stream.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code count} captures paid across {@code day} through core's PaymentStore, keeping only their ledger entries. */
    private static long load(DynamoDbClient db, LocalDate day, int count, int threads) {
        Instant start = BusinessDay.ALIPAY.start(day);
        long spacing = Duration.ofDays(1).toMillis() / Math.max(1, count);
        // only the ledger entries: the report reads nothing else
        return ParallelLoad.run(db, TABLE, count, threads, count, (i, store, capture, batches) -> {
            pay(store, day + "-" + i, start.plusMillis(i * spacing));
            capture.drain().stream().filter(item -> item.get(ScanpayTable.PK).s().startsWith("LEDGER#")).forEach(batches::add);
        });
    }

    private static void pay(PaymentStore store, String id, Instant paidAt) {
        Instant created = paidAt.minusSeconds(1);
        Payment payment = Payment.builder()
                .paymentId("P" + id).clientId(CLIENT_ID).paymentRequestId("R" + id).scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(1250, "USD")).status(PaymentStatus.PROCESSING)
                .order(new OrderDetails("order-" + id, "Two flat whites", "M-1001", "Harbour Coffee", "5814",
                        "S-01", "Harbour Coffee Quay St", "5814", "T-07"))
                .walletId(WALLET_ID).createdAt(created).updatedAt(created).build();
        Payment processing = ((PaymentStore.Created) store.create(payment, "hash")).payment();
        Payment paid = PaymentMachine.walletAnswered(processing, new WalletOutcome.Paid("W" + id, paidAt, "alice"), "SIMPAY",
                paidAt).next();
        store.replace(processing, paid);
    }
}
