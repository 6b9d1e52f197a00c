package dev.scanpay.bench;

import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.model.payment.PaymentIds;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentCodes;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What finding the due work costs the status sweeper as finished payments pile up: for each table size, a
 * fresh in-memory DynamoDB Local holding N finished payments and D due ones, then the sweeper's own search
 * ({@link PaymentStore#due}, page size per shard as deployed) repeated, each found payment handled by taking
 * it out of the due index, until a round finds nothing. Items read come from the Query responses'
 * ScannedCount. For contrast only, one Scan with a filter over the same table: the alternative not used.
 * See README.md.
 */
final class SweepBench {

    static final String TABLE = "sweep";
    private static final String CLIENT_ID = "BENCH_MERCHANT";
    private static final String REQUEST_HASH = "sweep-bench-request-hash";
    /** Payments a loader thread claims at a time. */
    /** Unmeasured {@code due} calls (reads only) before the measured search. */
    private static final int WARMUP_CALLS = 10;

    private record Load(long items, long paymentItems, double seconds) {
    }

    /** One Scan with a filter over the whole table, paged: what the sweeper would read without the index. */
    private record ScanCost(int pages, long scanned, long found, String readUnits, double millis) {
    }

    private record Result(int finished, int due, int pageSize, Load load, List<Integer> foundPerRound,
                          List<Double> findMillisPerRound, long queries,
                          long scans, long scanned, long returned, String readUnits, double findMillis, double handleMillis,
                          Map<String, Integer> shapes, ScanCost scan, String loadAverage) {
    }

    private SweepBench() {
    }

    static void run(BenchFiles files, Options options) {
        List<Integer> sizes = options.integers("finished", "1000,10000,100000");
        int due = options.integer("due", 1000);
        int pageSize = options.integer("page-size", 100);
        int threads = options.integer("threads", 4);
        boolean withScan = !options.flag("no-scan");
        System.out.printf(Locale.ROOT, "Sweep: %d due payments among %s finished ones; PaymentStore.due(now, %d) per round; "
                + "%d loader threads%s%n", due, sizes, pageSize, threads, withScan ? "" : "; no contrast Scan");
        List<Result> results = new ArrayList<>();
        for (int finished : sizes) {
            Result r = measure(finished, due, pageSize, threads, withScan);
            results.add(r);
            System.out.printf(Locale.ROOT, "  N=%-7d rounds %d, queries %d, scans %d, items read %d (returned %d), read/due %.3f, "
                            + "find %.1f ms, handle %.0f ms%n",
                    finished, r.foundPerRound().size(), r.queries(), r.scans(), r.scanned(), r.returned(),
                    (double) r.scanned() / due, r.findMillis(), r.handleMillis());
        }
        String markdown = report(results, due, pageSize, threads, withScan);
        System.out.println();
        System.out.print(markdown);
        System.out.println("Written to " + files.writeResults("sweep", markdown));
    }

    private static Result measure(int finished, int due, int pageSize, int threads, boolean withScan) {
        System.out.printf(Locale.ROOT, "N=%d: fresh DynamoDB Local (in memory) and table%n", finished);
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.inMemory(); DynamoDbClient db = dynamo.client()) {
            ScanpayTable.ensure(db, TABLE);
            Load load = load(db, finished, due, threads);

            // the alternative not used, which also checks the load: it reads every item and keeps the due ones
            ScanCost scan = null;
            if (withScan) {
                System.out.printf(Locale.ROOT, "  the alternative not used: one Scan with a filter over %,d items (slow in DynamoDB Local)%n",
                        load.items());
                scan = scanWithFilter(db);
                System.out.printf(Locale.ROOT, "  Scan: %d pages, %d items read, %d returned, read/due %.1f, %.1f ms%n",
                        scan.pages(), scan.scanned(), scan.found(), (double) scan.scanned() / due, scan.millis());
                if (scan.found() != due || scan.scanned() != load.items()) {
                    throw new IllegalStateException("table holds " + scan.scanned() + " items, " + scan.found()
                            + " with nextCheckAt; expected " + load.items() + " and " + due);
                }
            }

            // warm the client, DynamoDB Local's query path and the JIT on this table; reads only, nothing handled
            PaymentStore plain = new PaymentStore(db, TABLE);
            for (int i = 0; i < WARMUP_CALLS; i++) {
                plain.due(Instant.now(), pageSize);
            }
            System.gc();

            // the sweeper's search, through a client that counts what each Query reads (and any Scan)
            CountingDynamo counter = new CountingDynamo(db);
            PaymentStore finder = new PaymentStore(counter, TABLE);
            String loadAverage = loadAverage();
            List<Integer> perRound = new ArrayList<>();
            List<Double> findPerRound = new ArrayList<>();
            Set<String> handled = new HashSet<>();
            long findNanos = 0;
            long handleNanos = 0;
            while (true) {
                Instant now = Instant.now();
                long t0 = System.nanoTime();
                List<Payment> found = finder.due(now, pageSize);
                long t1 = System.nanoTime();
                findNanos += t1 - t0;
                perRound.add(found.size());
                findPerRound.add((t1 - t0) / 1e6);
                if (found.isEmpty()) {
                    break;
                }
                // handled: out of the due index, as the follow-up leaves a payment with nothing more to do
                for (Payment p : found) {
                    if (!handled.add(p.paymentId())) {
                        throw new IllegalStateException("payment " + p.paymentId() + " found twice");
                    }
                    PaymentStore.Transition t = plain.replace(p, p.toBuilder().nextCheckAt(null).updatedAt(now).build());
                    if (!(t instanceof PaymentStore.Applied)) {
                        throw new IllegalStateException("handling " + p.paymentId() + " lost a race: " + t);
                    }
                }
                handleNanos += System.nanoTime() - t1;
                if (perRound.size() > 10_000) {
                    throw new IllegalStateException("the due payments never ran out");
                }
            }
            if (handled.size() != due) {
                throw new IllegalStateException("found " + handled.size() + " due payments, expected " + due);
            }
            return new Result(finished, due, pageSize, load, perRound, findPerRound, counter.queries, counter.scans, counter.scannedCount,
                    counter.count, units(counter), findNanos / 1e6, handleNanos / 1e6, Map.copyOf(counter.shapes), scan,
                    loadAverage);
        }
    }

    private static ScanCost scanWithFilter(DynamoDbClient db) {
        CountingDynamo counter = new CountingDynamo(db);
        Map<String, AttributeValue> start = null;
        int pages = 0;
        long t0 = System.nanoTime();
        do {
            ScanResponse page = counter.scan(ScanRequest.builder()
                    .tableName(TABLE)
                    .filterExpression("attribute_exists(#next)")
                    .expressionAttributeNames(Map.of("#next", ScanpayTable.NEXT_CHECK_AT))
                    .exclusiveStartKey(start)
                    .build());
            pages++;
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        double millis = (System.nanoTime() - t0) / 1e6;
        return new ScanCost(pages, counter.scannedCount, counter.count, units(counter), millis);
    }

    private static String units(CountingDynamo counter) {
        return counter.capacityReported ? String.format(Locale.ROOT, "%.1f", counter.readUnits) : "n/a";
    }

    // ---- loading the table -------------------------------------------------------------------------------

    /** Is payment {@code i} of {@code total} one of the {@code due}? Exactly {@code due} are, spread evenly. */
    private static boolean isDue(long i, int due, int total) {
        return (i + 1) * due / total > i * due / total;
    }

    private static Load load(DynamoDbClient db, int finished, int due, int threads) {
        int total = finished + due;
        Instant base = Instant.now();
        AtomicLong paymentItems = new AtomicLong();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        long t0 = System.nanoTime();
        // each payment and its request key; each finished one also its ledger entry (the capture)
        long written = ParallelLoad.run(db, TABLE, total, threads, 2L * total + finished, (i, store, capture, batches) -> {
            boolean isDue = isDue(i, due, total);
            write(store, i, isDue, base, ids);
            for (Map<String, AttributeValue> item : capture.drain()) {
                if ("PAY".equals(item.get(ScanpayTable.SK).s())) {
                    check(item, isDue);
                    paymentItems.incrementAndGet();
                }
                batches.add(item);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  loaded %,d items (%,d payments: %,d finished, %,d due; their request keys and captures' ledger entries) "
                + "in %.1f s, %.0f items/s%n", written, paymentItems.get(), finished, due, seconds, written / seconds);
        return new Load(written, paymentItems.get(), seconds);
    }

    /**
     * Writes payment {@code i} through core's store (into the capturing client): a due one is created PROCESSING with
     * its next check in the past; a finished one is created PROCESSING and then paid, as the gateway does it, which
     * leaves it SUCCESS with no nextCheckAt. Either way the request key item comes too.
     */
    private static void write(PaymentStore store, int i, boolean isDue, Instant base, Set<String> ids) {
        Instant created = isDue
                ? base.minusSeconds(60 + i % 50)
                : base.minus(Duration.ofHours(1)).minusSeconds(i % 86_400);
        String id;
        do {
            id = PaymentIds.next(Clock.fixed(created, ZoneOffset.UTC));
        } while (!ids.add(id));
        Payment payment = Payment.builder()
                .paymentId(id)
                .clientId(CLIENT_ID)
                .paymentRequestId("sweep-" + i)
                .scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(1250, "USD"))
                .status(PaymentStatus.PROCESSING)
                .order(new OrderDetails("order-" + i, "Two flat whites", "M-1001", "Harbour Coffee", "5814",
                        "S-01", "Harbour Coffee Quay St", "5814", "T-07"))
                .paymentCodeMask(PaymentCodes.mask("289912345678901234"))
                .notifyUrl("http://127.0.0.1:8080/aps/api/v1/payments/notifyPayment")
                .walletId("SIMWALLET")
                .createdAt(created)
                .updatedAt(created)
                .expiresAt(created.plus(Duration.ofMinutes(2)))
                .deadlineAt(created.plus(Duration.ofMinutes(2)))
                .nextCheckAt(created.plusSeconds(10))
                .build();
        if (!(store.create(payment, REQUEST_HASH) instanceof PaymentStore.Created created1)) {
            throw new IllegalStateException("not created: " + id);
        }
        if (!isDue) {
            Instant paidAt = created.plusSeconds(2);
            Payment paid = PaymentMachine.walletAnswered(created1.payment(),
                    new WalletOutcome.Paid("SIMWALLET-" + id, paidAt, "customer-" + i), "SIMPAY", paidAt).next();
            store.replace(created1.payment(), paid);
        }
    }

    private static void check(Map<String, AttributeValue> item, boolean isDue) {
        boolean indexed = item.containsKey(ScanpayTable.NEXT_CHECK_AT) && item.containsKey(ScanpayTable.DUE_SHARD);
        String status = item.get("status").s();
        if (isDue ? !indexed || !status.equals("PROCESSING") : indexed || item.containsKey(ScanpayTable.DUE_SHARD)
                || !status.equals("SUCCESS")) {
            throw new IllegalStateException("unexpected " + (isDue ? "due" : "finished") + " item: " + item);
        }
    }

    /** One BatchWriteItem of {@code batch} into {@code table}, unprocessed items retried with backoff. */
    static void flush(DynamoDbClient db, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(Math.min(1000, 10L << Math.min(attempt, 7)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = db.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    // ---- the report --------------------------------------------------------------------------------------

    private static String report(List<Result> results, int due, int pageSize, int threads, boolean withScan) {
        StringBuilder md = new StringBuilder();
        md.append("## Sweep: what finding the due payments reads as finished payments pile up\n\n");
        md.append("Measured ").append(Machine.now()).append(" with `java -jar infra/bench/target/scanpay-bench.jar sweep")
                .append(results.isEmpty() ? "" : " --finished " + results.stream().map(r -> Integer.toString(r.finished()))
                        .collect(Collectors.joining(",")))
                .append(due == 1000 ? "" : " --due " + due).append(pageSize == 100 ? "" : " --page-size " + pageSize)
                .append(withScan ? "" : " --no-scan")
                .append("`. Per size: a fresh in-memory DynamoDB Local and table holding *N* finished payments (SUCCESS, no ")
                .append("`nextCheckAt`, so not in the `due` index) and ").append(due).append(" due ones (PROCESSING, `nextCheckAt` ")
                .append("in the past, `dueShard` set), each with its request key, written by core's `PaymentStore` and loaded ")
                .append("with BatchWriteItem. Then the sweeper's search: `PaymentStore.due(now, ").append(pageSize)
                .append(")` (a Query per shard of the `due` index, ").append(ScanpayTable.DUE_SHARDS)
                .append(" shards, Limit ").append(pageSize).append(" each), every payment found handled by taking it out of the ")
                .append("index (`PaymentStore.replace` to a copy with no `nextCheckAt`), round after round until one finds nothing, ")
                .append("as `Sweeper.sweepFor` stops. *Items read* is the sum of the Query responses' `ScannedCount`.\n\n");
        Markdown main = new Markdown("Finished payments", "Due", "Rounds", "Queries", "Scans", "Items read", "Items returned",
                "Read / due", "Read units", "Find ms", "Handle ms");
        for (Result r : results) {
            main.row(String.format(Locale.ROOT, "%,d", r.finished()), Integer.toString(r.due()),
                    Integer.toString(r.foundPerRound().size()), Long.toString(r.queries()), Long.toString(r.scans()),
                    Long.toString(r.scanned()), Long.toString(r.returned()),
                    String.format(Locale.ROOT, "%.3f", (double) r.scanned() / r.due()), r.readUnits(),
                    Stats.ms1(r.findMillis()), Stats.ms(r.handleMillis()));
        }
        md.append(main.render()).append('\n');
        if (!withScan) {
            md.append("The contrast Scan (the alternative not used) was not run (`--no-scan`).\n\n");
        } else {
            md.append("For contrast, **the alternative not used**: one Scan of the table with `FilterExpression attribute_exists(nextCheckAt)` ")
                    .append("(paged by LastEvaluatedKey), with all ").append(due).append(" payments still due. A filter does not reduce what ")
                    .append("a Scan reads:\n\n");
            Markdown scan = new Markdown("Finished payments", "Table items", "Scan pages", "Items read", "Items returned",
                    "Read / due", "Read units", "Scan ms");
            for (Result r : results) {
                scan.row(String.format(Locale.ROOT, "%,d", r.finished()), Long.toString(r.load().items()),
                        Integer.toString(r.scan().pages()), Long.toString(r.scan().scanned()), Long.toString(r.scan().found()),
                        String.format(Locale.ROOT, "%.1f", (double) r.scan().scanned() / r.due()), r.scan().readUnits(),
                        Stats.ms1(r.scan().millis()));
            }
            md.append(scan.render()).append('\n');
        }
        md.append("Details:\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "- N = %,d: found per round %s in %s ms; loaded %,d items in %.1f s (%d threads); ",
                    r.finished(), r.foundPerRound(), r.findMillisPerRound().stream().map(Stats::ms1).toList(),
                    r.load().items(), r.load().seconds(), threads));
            md.append("requests in the find phase: ").append(r.shapes().entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining("; ")));
            md.append("; load average (1 / 5 min) before it: ").append(r.loadAverage()).append('\n');
        }
        md.append("- *Find ms* is the time in `PaymentStore.due` over all rounds, the last (empty) one included; *Handle ms* is ")
                .append("the handling writes (one conditional PutItem per payment, one at a time), timed apart. Both ")
                .append("follow ").append(WARMUP_CALLS).append(" unmeasured `due` calls (reads only) on the same table.\n");
        md.append("- A full `Sweeper.sweepOnce` round also queries the refund and notification shards of the index (")
                .append(2 * ScanpayTable.DUE_SHARDS).append(" more Queries a round), which hold nothing here; they are not counted.\n");
        if (withScan) {
            md.append("- *Scan ms* is DynamoDB Local's: it serves each Scan page at a cost that grows with the part of the table ")
                    .append("after the page's start key, so a full Scan there takes time growing roughly with the square of the table size. ")
                    .append("What a Scan reads (every item) does not depend on that.\n");
        }
        md.append("- DynamoDB Local is SQLite in this JVM, not DynamoDB: its times (and its read units, if shown) are its own. ")
                .append("`ScannedCount` has DynamoDB's meaning (items read before any filter).\n\n");
        md.append("Machine:\n").append(Machine.markdown()).append('\n');
        return md.toString();
    }
}
