package dev.scanpay.bench;

import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.DynamoFaultProxy;
import dev.scanpay.testkit.DynamoFaultProxy.Mode;
import dev.scanpay.testkit.FaultFlows;
import dev.scanpay.testkit.FaultFlows.Call;
import dev.scanpay.testkit.GatewayHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code chaos}: the fault suite as a soak. Per fault mode, a fresh gateway (the merchant API's Lambda handler
 * by default, its DynamoDB client built as deployed) behind a {@link DynamoFaultProxy} in front of DynamoDB
 * Local, the wallet simulator, and {@link FaultFlows}: N user-presented pays, with cancels and refunds, while
 * the proxy injects that mode; then the faults cleared, the sweeper run on a moved clock until everything is
 * settled, and the gateway's records reconciled with the simulator's ledger. The first row, no fault, is the
 * baseline measured in the same run.
 */
final class ChaosBench {

    /** One row: a fault mode (or the outage, or none) and what its flows met. */
    private record Result(String mode, String injected, int flows, List<Call> calls, Map<Mode, Long> requests,
                          int settleRounds, List<String> mismatches, double seconds) {
        long count(String status) {
            return calls.stream().filter(c -> c.status().equals(status)).count();
        }
    }

    private ChaosBench() {
    }

    static void run(BenchFiles files, Options options) throws InterruptedException {
        int flows = options.integer("flows", 60);
        int threads = options.integer("threads", 4);
        double probability = options.decimal("probability", 0.25);
        int delayMs = options.integer("delay", 400);
        int outageMs = options.integer("outage", 3000);
        long seed = options.integer("seed", 15);
        int marginMs = options.integer("margin", 500);
        Adapter adapter = Adapter.valueOf(options.get("adapter", "lambda").toUpperCase(Locale.ROOT));
        System.out.printf(Locale.ROOT, "Chaos: %d flows per mode on %d threads via %s; fault probability %.2f, delay %d ms, "
                + "outage %d ms, seed %d%n", flows, threads, adapter, probability, delayMs, outageMs, seed);
        List<Result> results = new ArrayList<>();
        List<String> modes = new ArrayList<>(List.of("NONE"));
        for (Mode mode : Mode.values()) {
            if (mode != Mode.PASS) {
                modes.add(mode.name());
            }
        }
        modes.add("OUTAGE");
        for (String mode : modes) {
            Result r = measure(mode, adapter, flows, threads, probability, delayMs, outageMs, seed, marginMs);
            results.add(r);
            System.out.printf(Locale.ROOT, "  %-12s calls %d, S %d, F %d, U %d, other %d, max %.0f ms, over budget %d, "
                            + "settled in %d rounds, mismatches %d (%.0f s)%n", r.mode(), r.calls().size(), r.count("S"),
                    r.count("F"), r.count("U"), other(r), maxMillis(r), overBudget(r), r.settleRounds(),
                    r.mismatches().size(), r.seconds());
            r.mismatches().forEach(m -> System.out.println("    mismatch: " + m));
        }
        String markdown = report(results, adapter, flows, threads, probability, delayMs, outageMs, seed, marginMs);
        System.out.println();
        System.out.print(markdown);
        System.out.println("Written to " + files.writeResults("chaos", markdown));
    }

    private static Result measure(String mode, Adapter adapter, int flows, int threads, double probability, int delayMs,
                                  int outageMs, long seed, int marginMs) throws InterruptedException {
        long started = System.nanoTime();
        try (GatewayHarness gateway = GatewayHarness.behindFaultProxy(adapter, seed);
             FaultFlows driver = new FaultFlows(gateway, "CHAOS_MERCHANT", Duration.ofMillis(marginMs))) {
            DynamoFaultProxy faults = gateway.faultProxy().delay(Duration.ofMillis(delayMs));
            String injected;
            Thread outageEnds = null;
            if (mode.equals("NONE")) {
                injected = "none";
            } else if (mode.equals("OUTAGE")) {
                injected = "every request reset for the first " + outageMs + " ms";
                outageEnds = faults.outage(Duration.ofMillis(outageMs));
            } else {
                faults.inject(Mode.valueOf(mode), probability);
                injected = String.format(Locale.ROOT, "%.0f%% of requests", probability * 100);
            }
            List<Call> calls = driver.run(mode, flows, threads);
            if (outageEnds != null) {
                outageEnds.join();
            }
            faults.clear();
            calls = new ArrayList<>(calls);
            calls.addAll(driver.repeatUnknown());
            int rounds = driver.settle(120, Duration.ofMinutes(1));
            List<String> mismatches = driver.mismatches();
            Map<Mode, Long> requests = faults.counts();
            faults.close();
            return new Result(mode, injected, flows, calls, requests, rounds, mismatches, (System.nanoTime() - started) / 1e9);
        }
    }

    private static long other(Result r) {
        return r.calls().stream().filter(c -> !List.of("S", "F", "U").contains(c.status())).count();
    }

    private static double maxMillis(Result r) {
        return r.calls().stream().mapToLong(c -> c.took().toMillis()).max().orElse(0);
    }

    private static long overBudget(Result r) {
        return r.calls().stream().filter(Call::overBudget).count();
    }

    private static String report(List<Result> results, Adapter adapter, int flows, int threads, double probability,
                                 int delayMs, int outageMs, long seed, int marginMs) {
        StringBuilder md = new StringBuilder();
        md.append("## Chaos: merchant calls while DynamoDB stumbles\n\n");
        md.append("Measured ").append(Machine.now()).append(" with `java -jar infra/bench/target/scanpay-bench.jar chaos --flows ")
                .append(flows).append("` (").append(threads).append(" threads, via ").append(adapter)
                .append(String.format(Locale.ROOT, ", probability %.2f, delay %d ms, outage %d ms, seed %d). ", probability,
                        delayMs, outageMs, seed))
                .append("Per mode a fresh gateway whose own DynamoDB client (as deployed: 1 s attempt, 3 attempts, 3 s call) ")
                .append("talks to DynamoDB Local through the fault proxy; ").append(flows).append(" user-presented pays (a U ")
                .append("repeated at once), a third of the paid ones cancelled and a third half refunded (a U repeated at once); ")
                .append("once the faults clear, every pay and refund still unknown is repeated once more (counted in the calls). ")
                .append("*Over budget*: answers later than their deadline (4.5 s pay, 12 s otherwise) + ").append(marginMs)
                .append(" ms. *Other*: unsigned answers or transport errors. Then the faults cleared, the sweeper run on a moved ")
                .append("clock until every payment and refund is final and every notification owed was received, and the ")
                .append("gateway's payments and refunds compared with the wallet simulator's ledger (*Mismatches*, 0 expected).\n\n");
        Markdown table = new Markdown("Mode", "Injected", "Calls", "S", "F", "U", "Other", "p50 ms", "Max ms", "Over budget",
                "Requests faulted", "Sweeps", "Mismatches");
        for (Result r : results) {
            long[] sorted = r.calls().stream().mapToLong(c -> c.took().toMillis()).sorted().toArray();
            long total = r.requests().values().stream().mapToLong(Long::longValue).sum();
            long faulted = total - r.requests().getOrDefault(Mode.PASS, 0L);
            table.row(r.mode(), r.injected(), Integer.toString(r.calls().size()), Long.toString(r.count("S")),
                    Long.toString(r.count("F")), Long.toString(r.count("U")), Long.toString(other(r)),
                    sorted.length == 0 ? "-" : Long.toString(Stats.percentile(sorted, 50)),
                    String.format(Locale.ROOT, "%.0f", maxMillis(r)), Long.toString(overBudget(r)),
                    faulted + " / " + total, Integer.toString(r.settleRounds()), Integer.toString(r.mismatches().size()));
        }
        md.append(table.render()).append('\n');
        md.append("Details:\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "- %s: %.0f s; calls by operation %s", r.mode(), r.seconds(),
                    r.calls().stream().collect(Collectors.groupingBy(c -> c.operation() + " " + c.status(),
                            java.util.TreeMap::new, Collectors.counting()))));
            if (!r.mismatches().isEmpty()) {
                md.append("; mismatches: ").append(String.join("; ", r.mismatches()));
            }
            md.append('\n');
        }
        md.append("\nMachine:\n").append(Machine.markdown()).append('\n');
        return md.toString();
    }
}
