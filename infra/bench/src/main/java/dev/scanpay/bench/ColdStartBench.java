package dev.scanpay.bench;

import dev.scanpay.core.signing.RequestTime;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * JVM start to the first signed pay answer through the Lambda handler class, in fresh JVMs, beside a minimal
 * Micronaut function doing one PutItem behind the same handler. See README.md.
 */
final class ColdStartBench {

    static final String PROBE_MAIN = "dev.scanpay.bench.probe.ColdStartProbe";
    private static final String EVENT_CLASS = "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class";
    private static final List<String> AWS_PROPERTIES = List.of(
            "-Daws.region=us-east-1", "-Daws.accessKeyId=local", "-Daws.secretAccessKey=local", "-Daws.disableEc2Metadata=true");
    private static final long CHILD_TIMEOUT_SECONDS = 90;

    private final BenchFiles files;
    private final BenchWorld world;
    private final Path logDir;
    private final String java = Machine.javaBinary();
    private final Path eventsJar;
    private int spawned;

    private ColdStartBench(BenchFiles files, BenchWorld world) {
        this.files = files;
        this.world = world;
        this.logDir = files.benchTarget().resolve("coldstart");
        this.eventsJar = findEventsJar(files.lib());
    }

    /**
     * One function under test: its Lambda jar and what its environment must say; ours runs with priming at init
     * ({@code RequestPathPrimer}, what a SnapStart snapshot holds) or without it.
     */
    private record Function(String label, Path jar, boolean addEventsJar, boolean ours, boolean primed) {
    }

    /** JVM flags shared by both functions for one table. */
    private record FlagSet(String label, List<String> flags) {
    }

    /** One cold start: all times are milliseconds. */
    private record Run(long total, long boot, long init, long firstRequest, long spawnToAnswer) {
    }

    static void run(BenchFiles files, Options options) {
        int runs = options.integer("runs", 5);
        List<FlagSet> flagSets = new ArrayList<>();
        flagSets.add(new FlagSet("default (no JVM flags)", List.of()));
        if (!options.flag("no-c1")) {
            flagSets.add(new FlagSet("-XX:TieredStopAtLevel=1 (template.yaml's JAVA_TOOL_OPTIONS)", List.of("-XX:TieredStopAtLevel=1")));
        }
        String build = "./mvnw -B -ntp -q -DskipTests install";
        Path ourJar = files.requireFile(files.merchantApiJar(), build);
        Path baselineJar = files.requireFile(files.baselineJar(), build);
        files.requireFile(files.probeJar(), build);

        System.out.println("Cold start: " + runs + " runs per function and flag set, fresh JVM each; starting DynamoDB Local and the wallet simulator ...");
        try (BenchWorld world = BenchWorld.start()) {
            ColdStartBench bench = new ColdStartBench(files, world);
            boolean ourEvents = !containsEvents(ourJar);
            Function primed = new Function("Scanpay merchant-api (pay), primed", ourJar, ourEvents, true, true);
            Function unprimed = new Function("Scanpay merchant-api (pay), not primed", ourJar, ourEvents, true, false);
            Function baseline = new Function("Baseline: Micronaut + 1 PutItem", baselineJar, !containsEvents(baselineJar), false, false);
            String markdown = bench.measure(List.of(primed, unprimed, baseline), flagSets, runs);
            System.out.println();
            System.out.print(markdown);
            System.out.println("Written to " + files.writeResults("coldstart", markdown));
        }
    }

    private String measure(List<Function> functions, List<FlagSet> flagSets, int runs) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one discarded run of each, so both jars are in the page cache and DynamoDB Local has served once
        for (Function function : functions) {
            Run warm = runOnce(function, flagSets.get(0), "warmup");
            System.out.printf(Locale.ROOT, "  warm-up %-42s %5d ms (discarded)%n", function.label(), warm.total());
        }
        Map<FlagSet, Map<Function, List<Run>>> results = new LinkedHashMap<>();
        for (FlagSet flags : flagSets) {
            Map<Function, List<Run>> byFunction = new LinkedHashMap<>();
            functions.forEach(f -> byFunction.put(f, new ArrayList<>()));
            // interleaved, so drift on the machine hits both functions alike
            for (int i = 1; i <= runs; i++) {
                for (Function function : functions) {
                    Run run = runOnce(function, flags, Integer.toString(i));
                    byFunction.get(function).add(run);
                    System.out.printf(Locale.ROOT, "  %-26s run %d  %-42s %5d ms (init %d, first request %d)%n",
                            shortLabel(flags), i, function.label(), run.total(), run.init(), run.firstRequest());
                }
            }
            results.put(flags, byFunction);
        }
        return report(functions, results, runs);
    }

    private static String shortLabel(FlagSet flags) {
        return flags.flags().isEmpty() ? "default" : String.join(" ", flags.flags());
    }

    private String report(List<Function> functions, Map<FlagSet, Map<Function, List<Run>>> results, int runs) {
        StringBuilder md = new StringBuilder();
        md.append("## Cold start: JVM start to the first pay answer through the Lambda handler\n\n");
        md.append("Measured ").append(Machine.now()).append(" with `java -jar infra/bench/target/scanpay-bench.jar coldstart`. ")
                .append(runs).append(" runs per function and flag set, each in a fresh JVM (interleaved, after one discarded ")
                .append("warm-up run of each). Milliseconds from the JVM's start time (RuntimeMXBean) to the handler's answer.\n\n");
        for (Map.Entry<FlagSet, Map<Function, List<Run>>> entry : results.entrySet()) {
            md.append("### JVM flags: ").append(entry.getKey().label()).append("\n\n");
            Markdown table = new Markdown("Function", "Runs", "Median ms", "Min ms", "Max ms",
                    "Median init ms", "Median 1st request ms", "Median spawn to answer ms");
            Map<Function, double[]> mediansOf = new LinkedHashMap<>();
            Function baseline = null;
            for (Function function : functions) {
                List<Run> list = entry.getValue().get(function);
                long[] total = list.stream().mapToLong(Run::total).toArray();
                double[] medians = {
                        Stats.median(total),
                        Stats.median(list.stream().mapToLong(Run::init).toArray()),
                        Stats.median(list.stream().mapToLong(Run::firstRequest).toArray()),
                        Stats.median(list.stream().mapToLong(Run::spawnToAnswer).toArray())};
                mediansOf.put(function, medians);
                if (!function.ours()) {
                    baseline = function;
                }
                table.row(function.label(), Integer.toString(list.size()), Stats.ms(medians[0]),
                        Long.toString(Stats.min(total)), Long.toString(Stats.max(total)),
                        Stats.ms(medians[1]), Stats.ms(medians[2]), Stats.ms(medians[3]));
            }
            double[] baseMedians = baseline == null ? null : mediansOf.get(baseline);
            for (Function function : functions) {
                if (function.ours() && baseMedians != null) {
                    double[] ourMedians = mediansOf.get(function);
                    table.row("**Ratio of medians (" + (function.primed() ? "primed" : "not primed") + " / baseline)**", "",
                            "**" + Stats.ratio(ourMedians[0], baseMedians[0]) + "**", "", "",
                            Stats.ratio(ourMedians[1], baseMedians[1]), "**" + Stats.ratio(ourMedians[2], baseMedians[2]) + "**",
                            Stats.ratio(ourMedians[3], baseMedians[3]));
                }
            }
            md.append(table.render()).append('\n');
            if (baseMedians != null) {
                functions.stream().filter(Function::primed).findFirst().ifPresent(primed -> {
                    double[] p = mediansOf.get(primed);
                    md.append(String.format(Locale.ROOT, "Goals (issue #13): first request primed / baseline's first request %s "
                                    + "(goal <= 1.3); whole cold start primed / baseline %s (goal <= 1.1).%n%n",
                            Stats.ratio(p[2], baseMedians[2]), Stats.ratio(p[0], baseMedians[0])));
                });
            }
        }
        md.append("Columns: *init* is the handler's no-arg constructor (the Micronaut context, SDK clients, the gateway key); ")
                .append("*1st request* is the first `handleRequest` (for ours: the client read and the wallet directory Query, which are ")
                .append("cached afterwards, the payment's GetItem, TransactWriteItems and PutItem, four RSA operations, the signed wallet ")
                .append("call over loopback HTTP; for the baseline: one PutItem). *Primed*: the function as deployed, which at init runs ")
                .append("`RequestPathPrimer` (a sample signed and verified, a sample answer written and parsed, a GetItem of a payment that ")
                .append("cannot exist, one outbound exchange with its own loopback listener), so its init holds that work, as a SnapStart ")
                .append("snapshot does; *not primed*: the same jar with `SCANPAY_PRIMING_ENABLED=false`. With SnapStart a customer waits for ")
                .append("the restore plus the *1st request*; without it, for the whole. *Spawn to answer* also counts the ")
                .append("JVM's own start before it records its start time, as seen from the parent.\n\n");
        md.append("Setup:\n");
        md.append("- Both functions run in `").append(java).append("` with the same flags, the system properties `")
                .append(String.join(" ", AWS_PROPERTIES)).append("`, and no `JAVA_TOOL_OPTIONS`.\n");
        for (Function function : functions) {
            md.append("- ").append(function.label()).append(": class path `").append(files.root.relativize(function.jar()))
                    .append("` (").append(sizeMb(function.jar())).append(")");
            if (function.addEventsJar()) {
                md.append(" + `").append(eventsJar.getFileName()).append("` (the jar lacks `aws-lambda-java-events`, which the handler needs")
                        .append(" and the Lambda runtime does not provide)");
            }
            md.append(" + `scanpay-bench-probe.jar`.\n");
        }
        md.append("- The probe constructs the deployed handler (ours `dev.scanpay.core.config.LambdaHttpFunction`, the baseline ")
                .append("Micronaut's `APIGatewayV2HTTPEventFunction`, which ours extends) with its no-arg ")
                .append("constructor, as Lambda does (configuration from environment variables), and passes one API Gateway v2 event: ")
                .append("a user-presented pay signed by the merchant in the parent just before the spawn (no client crypto inside the ")
                .append("measured time). The parent then checks ours answered `SUCCESS` with a valid gateway signature and the ")
                .append("wallet charged once, and that the baseline's item is in the table.\n");
        md.append("- DynamoDB Local (in memory) and the wallet simulator run in the parent JVM on loopback, idle between runs; ")
                .append("the simulator with `sun.net.httpserver.nodelay=").append(System.getProperty("sun.net.httpserver.nodelay", "false"))
                .append("`.\n\n");
        md.append("Machine:\n").append(Machine.markdown()).append('\n');
        return md.toString();
    }

    private Run runOnce(Function function, FlagSet flags, String runName) {
        String customer = "coldstart-" + (++spawned);
        String paymentCode = world.wallet.issuePaymentCode(customer);
        String paymentRequestId = "coldstart-" + UUID.randomUUID();
        byte[] body = PayRequests.body(paymentRequestId, paymentCode);
        String requestTime = RequestTime.format(Instant.now());
        String signature = world.merchantSigner.sign("POST", PayRequests.PATH, requestTime, body);

        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags.flags());
        command.addAll(AWS_PROPERTIES);
        command.add("-cp");
        command.add(classPath(function));
        command.add(PROBE_MAIN);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SCANPAY_") || name.startsWith("BENCH_")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        if (function.ours()) {
            // the handler template.yaml deploys (the baseline's is Micronaut's own, the probe's default)
            env.put("BENCH_HANDLER", "dev.scanpay.core.config.LambdaHttpFunction");
            env.put("SCANPAY_TABLE", BenchWorld.TABLE);
            env.put("SCANPAY_DYNAMODB_ENDPOINT", world.dynamo.endpoint());
            env.put("SCANPAY_GATEWAY_KEY_PRIVATE_KEY", world.gatewayPrivateKey());
            env.put("SCANPAY_GATEWAY_CLIENT_ID", BenchWorld.GATEWAY_CLIENT_ID);
            // the simulator the pay reaches is on loopback, over plain http
            env.put("SCANPAY_OUTBOUND_ALLOW_LOOPBACK", "true");
            env.put("SCANPAY_OUTBOUND_REQUIRE_HTTPS", "false");
            env.put("SCANPAY_PRIMING_ENABLED", Boolean.toString(function.primed()));
            // deadlines far above any answer here: on a loaded machine a slow cold start is measured slow, not answered U
            env.put("SCANPAY_WALLET_TIMEOUT_PAY", "20s");
            env.put("SCANPAY_API_PAY_DEADLINE", "25s");
        } else {
            env.put("BENCH_TABLE", BenchWorld.TABLE);
            env.put("BENCH_DYNAMODB_ENDPOINT", world.dynamo.endpoint());
        }
        // API Gateway's HTTP API (payload 2.0) passes header names in lower case
        env.put("BENCH_PATH", PayRequests.PATH);
        env.put("BENCH_BODY", new String(body, StandardCharsets.UTF_8));
        env.put("BENCH_HEADER_content_type", "application/json; charset=UTF-8");
        env.put("BENCH_HEADER_client_id", BenchWorld.MERCHANT_CLIENT_ID);
        env.put("BENCH_HEADER_request_time", requestTime);
        env.put("BENCH_HEADER_signature", signature);

        Path log = logDir.resolve((function.ours() ? (function.primed() ? "scanpay-primed" : "scanpay") : "baseline") + "-"
                + (flags.flags().isEmpty() ? "default" : "c1") + "-" + runName + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> probe;
        long spawnAt;
        try {
            spawnAt = System.currentTimeMillis();
            Process process = builder.start();
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(function.label() + " did not answer within " + CHILD_TIMEOUT_SECONDS + " s; see " + log);
            }
            probe = parseProbe(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        check(function, probe, paymentRequestId, log);
        long jvmStart = Long.parseLong(probe.get("jvmStartEpochMs"));
        long main = Long.parseLong(probe.get("mainEpochMs"));
        long initDone = Long.parseLong(probe.get("initDoneEpochMs"));
        long answer = Long.parseLong(probe.get("answerEpochMs"));
        return new Run(answer - jvmStart, main - jvmStart, initDone - main, answer - initDone, answer - spawnAt);
    }

    private void check(Function function, Map<String, String> probe, String paymentRequestId, Path log) {
        if (!probe.containsKey("end")) {
            throw new IllegalStateException(function.label() + " gave no answer; see " + log);
        }
        if (!"200".equals(probe.get("status"))) {
            throw new IllegalStateException(function.label() + " answered HTTP " + probe.get("status") + "; see " + log);
        }
        byte[] body = Base64.getDecoder().decode(probe.get("bodyBase64"));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        probe.forEach((key, value) -> {
            if (key.startsWith("header.")) {
                headers.put(key.substring("header.".length()), value);
            }
        });
        if (function.ours()) {
            String code = PayRequests.resultCode(body);
            if (!"SUCCESS".equals(code)) {
                throw new IllegalStateException("the pay answer is " + code + ", not SUCCESS: "
                        + new String(body, StandardCharsets.UTF_8) + "; see " + log);
            }
            if (!world.signedByGateway(PayRequests.PATH, headers::get, body)) {
                throw new IllegalStateException("the pay answer is not signed by the gateway key; see " + log);
            }
            // the wallet knows the payment by the gateway's paymentId (its paymentRequestId)
            Object paymentId = PayRequests.parse(body).get("paymentId");
            int charges = paymentId instanceof String id ? world.wallet.chargeCount(id) : 0;
            if (charges != 1) {
                throw new IllegalStateException("the wallet charged " + charges + " times for " + paymentRequestId + "; see " + log);
            }
        } else {
            Map<String, Object> answer = PayRequests.parse(body);
            Object id = answer.get("id");
            if (!Boolean.TRUE.equals(answer.get("ok")) || !(id instanceof String)) {
                throw new IllegalStateException("unexpected baseline answer " + new String(body, StandardCharsets.UTF_8));
            }
            Map<String, AttributeValue> item = world.db.getItem(b -> b.tableName(BenchWorld.TABLE).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("BASELINE#" + id), "sk", AttributeValue.fromS("BASELINE")))).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("the baseline answered but its item is not in the table");
            }
        }
    }

    private static Map<String, String> parseProbe(Path log) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.startsWith("PROBE ")) {
                continue;
            }
            String rest = line.substring("PROBE ".length());
            int eq = rest.indexOf('=');
            if (eq < 0) {
                values.put(rest.trim(), "");
            } else {
                values.put(rest.substring(0, eq), rest.substring(eq + 1));
            }
        }
        return values;
    }

    private String classPath(Function function) {
        List<String> entries = new ArrayList<>();
        entries.add(function.jar().toString());
        if (function.addEventsJar()) {
            entries.add(eventsJar.toString());
        }
        entries.add(files.probeJar().toString());
        return String.join(File.pathSeparator, entries);
    }

    private static boolean containsEvents(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(EVENT_CLASS) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findEventsJar(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-events-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no aws-lambda-java-events jar in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sizeMb(Path jar) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(jar) / 1_000_000.0);
        } catch (IOException e) {
            return "?";
        }
    }
}
