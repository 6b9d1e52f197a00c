package dev.scanpay.bench;

import java.nio.file.Files;

/**
 * {@code java -jar infra/bench/target/scanpay-bench.jar coldstart|throughput|sweep|report|chaos|all [options]}. See README.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        Options options = Options.parse(args, 1);
        BenchFiles files = BenchFiles.locate(options);
        Files.createDirectories(files.benchTarget());
        // before anything logs: our logback file, and the SDK never looks for credentials or a region elsewhere
        System.setProperty("bench.log.file", files.benchTarget().resolve("bench.log").toString());
        System.setProperty("logback.configurationFile", "logback-bench.xml");
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.disableEc2Metadata", "true");
        // The wallet simulator is the JDK's com.sun.net.httpserver, which leaves Nagle on unless told otherwise;
        // its answers then wait about 40 ms for a delayed ACK, time that would be charged to the gateway. The
        // simulator turns TCP_NODELAY on itself unless the property is set; --simulator-nagle sets it off.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", options.flag("simulator-nagle") ? "false" : "true");
        }

        long started = System.nanoTime();
        int status = 0;
        try {
            switch (args[0]) {
                case "coldstart" -> ColdStartBench.run(files, options);
                case "throughput" -> ThroughputBench.run(files, options);
                case "sweep" -> SweepBench.run(files, options);
                case "report" -> ReportBench.run(files, options);
                case "chaos" -> ChaosBench.run(files, options);
                case "all" -> {
                    ColdStartBench.run(files, options);
                    ThroughputBench.run(files, options);
                }
                default -> {
                    usage();
                    status = 2;
                }
            }
            System.out.printf("Done in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException e) {
            System.err.println("Benchmark failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // DynamoDB Local and HTTP client threads are not all daemons
        System.exit(status);
    }

    private static void usage() {
        System.out.println("""
                Usage: java -jar infra/bench/target/scanpay-bench.jar COMMAND [options]

                  coldstart    JVM start to the first signed pay answer through the Lambda handler, fresh JVMs,
                               beside a minimal Micronaut function doing one PutItem
                               --runs N (5)   --no-c1 (skip the -XX:TieredStopAtLevel=1 table)
                  throughput   payments/s and p50/p99 through the local stack over loopback HTTP, beside the floor
                               --levels 1,4,16,32   --warmup 3   --measure 10   --floor-warmup 2   --floor-measure 8
                               --prewarm 5 (s at concurrency 4 before the first level, not reported; 0 skips)
                  sweep        items read and time to find 1,000 due payments among 1k, 10k and 100k finished ones,
                               the way the status sweeper finds them (Query on the due index), beside a Scan
                               --finished 1000,10000,100000   --due 1000   --page-size 100 (per shard, as deployed)
                               --threads 4 (loader threads for the BatchWriteItem setup)
                               --no-scan (skip the contrast Scan: 5.5 of the 8 minutes at 100k)
                  report       one business day's report files from the ledger: time, items read and peak heap for
                               a day of 10k and 100k entries among other days' entries
                               --entries 10000,100000   --noise 50000 (entries on each neighbouring day)   --threads 4
                  chaos        merchant pays, cancels and refunds through a DynamoDB fault proxy, one table row per fault
                               mode beside no fault: S/F/U, latency, answers over budget, reconciliation with the wallet
                               --flows 60 (per mode)   --threads 4   --probability 0.25   --delay 400 (ms)
                               --outage 3000 (ms)   --seed 15   --margin 500 (ms)   --adapter lambda|netty
                  all          coldstart and throughput (not sweep, report or chaos)

                  --root DIR          the repository (found from the jar's location by default)
                  --simulator-nagle   leave TCP_NODELAY off in the wallet simulator (the JDK server's default)
                Results: printed, and written to infra/bench/target/results-<command>.md
                Build first: ./mvnw -B -ntp -q -DskipTests install""");
    }
}
