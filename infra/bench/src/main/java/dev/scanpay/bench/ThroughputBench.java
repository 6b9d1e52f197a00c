package dev.scanpay.bench;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.simulator.CustomerSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * User-presented payments per second through the local stack over real HTTP on loopback, beside the floor
 * (the crypto and DynamoDB writes one payment needs, with no HTTP or framework), at the same concurrency
 * levels, all in this JVM. See README.md.
 */
final class ThroughputBench {

    private final BenchWorld world;
    private final String gatewayUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ThroughputBench(BenchWorld world, String gatewayUrl) {
        this.world = world;
        this.gatewayUrl = gatewayUrl;
    }

    private record Level(int concurrency, LoadRunner.Result stack, LoadRunner.Result floor, LoadRunner.Result floorWithClient) {
    }

    static void run(BenchFiles files, Options options) {
        List<Integer> levels = options.integers("levels", "1,4,16,32");
        double warmup = options.decimal("warmup", 3);
        double measure = options.decimal("measure", 10);
        double floorWarmup = options.decimal("floor-warmup", 2);
        double floorMeasure = options.decimal("floor-measure", 8);
        double prewarm = options.decimal("prewarm", 5);
        System.out.printf(Locale.ROOT, "Throughput: concurrency %s; stack %.0f s warm-up + %.0f s measured, floor %.0f s + %.0f s (twice) per level%n",
                levels, warmup, measure, floorWarmup, floorMeasure);
        System.out.println("Starting DynamoDB Local, the wallet simulator and the merchant API on Netty (logs: "
                + files.benchTarget().resolve("bench.log") + ") ...");
        try (BenchWorld world = BenchWorld.start()) {
            int port = freeLoopbackPort();
            String gatewayUrl = "http://127.0.0.1:" + port;
            ApplicationContext context = Micronaut.build(new String[0])
                    .banner(false)
                    .properties(Map.of(
                            "micronaut.server.host", "127.0.0.1",
                            "micronaut.server.port", port,
                            "micronaut.server.max-request-size", 10 * 1024 * 1024,
                            "scanpay.table", BenchWorld.TABLE,
                            "scanpay.dynamodb.endpoint", world.dynamo.endpoint(),
                            "scanpay.gateway.client-id", BenchWorld.GATEWAY_CLIENT_ID,
                            "scanpay.gateway.key.private-key", world.gatewayPrivateKey(),
                            "scanpay.gateway.public-url", gatewayUrl,
                            "scanpay.outbound.allow-loopback", true,
                            "scanpay.outbound.require-https", false))
                    .start();
            try {
                ThroughputBench bench = new ThroughputBench(world, gatewayUrl);
                bench.smokeTest();
                Floor floor = new Floor(world);
                if (prewarm > 0) {
                    // JIT, connection pools and DynamoDB Local warm for every code path before the first level
                    System.out.printf(Locale.ROOT, "  pre-warm: stack and floor, %.0f s each at concurrency 4 (not reported)%n", prewarm);
                    LoadRunner.run(4, prewarm, 0, i -> bench.worker(0, 100 + i));
                    LoadRunner.run(4, prewarm / 2, 0, i -> floor.worker(0, i, false));
                    LoadRunner.run(4, prewarm / 2, 0, i -> floor.worker(0, 10 + i, true));
                }
                List<Level> results = new ArrayList<>();
                for (int concurrency : levels) {
                    LoadRunner.Result stack = LoadRunner.run(concurrency, warmup, measure, i -> bench.worker(concurrency, i));
                    System.out.printf(Locale.ROOT, "  c=%-3d stack            %7.1f payments/s  p50 %6.1f ms  p99 %6.1f ms  not SUCCESS: %s%n",
                            concurrency, stack.perSecond(), stack.p50Millis(), stack.p99Millis(), stack.failureSummary());
                    LoadRunner.Result bare = LoadRunner.run(concurrency, floorWarmup, floorMeasure, i -> floor.worker(concurrency, i, false));
                    System.out.printf(Locale.ROOT, "  c=%-3d floor            %7.1f payments/s  p50 %6.1f ms  p99 %6.1f ms%n",
                            concurrency, bare.perSecond(), bare.p50Millis(), bare.p99Millis());
                    LoadRunner.Result withClient = LoadRunner.run(concurrency, floorWarmup, floorMeasure, i -> floor.worker(concurrency, i, true));
                    System.out.printf(Locale.ROOT, "  c=%-3d floor + client   %7.1f payments/s  p50 %6.1f ms  p99 %6.1f ms%n",
                            concurrency, withClient.perSecond(), withClient.p50Millis(), withClient.p99Millis());
                    results.add(new Level(concurrency, stack, bare, withClient));
                }
                String markdown = report(results, warmup, measure, floorWarmup, floorMeasure);
                System.out.println();
                System.out.print(markdown);
                System.out.println("Written to " + files.writeResults("throughput", markdown));
            } finally {
                context.close();
            }
        }
    }

    /** One payment before the clock starts, so a broken stack fails loudly instead of measuring refusals. */
    private void smokeTest() throws IllegalStateException {
        try {
            LoadRunner.Sample sample = worker(0, 0).run();
            if (!"SUCCESS".equals(sample.outcome())) {
                throw new IllegalStateException("the first payment through the stack answered " + sample.outcome());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the first payment through the stack failed", e);
        }
    }

    /** A merchant terminal: its own simulator customer (with a balance that never runs out), one payment at a time. */
    private StackWorker worker(int concurrency, int index) {
        String customer = "bench-c" + concurrency + "-w" + index;
        world.wallet.configureCustomer(customer, CustomerSettings.builder().balance(PayRequests.CURRENCY, 1_000_000_000_000_000L).build());
        return new StackWorker(customer);
    }

    private final class StackWorker implements LoadRunner.Operation {

        private final String customer;
        private final URI uri = URI.create(gatewayUrl + PayRequests.PATH);
        private long sequence;

        StackWorker(String customer) {
            this.customer = customer;
        }

        @Override
        public LoadRunner.Sample run() throws IOException, InterruptedException {
            // the customer shows a fresh code; the terminal signs the request
            String code = world.wallet.issuePaymentCode(customer);
            String requestId = customer + "-" + (sequence++) + "-" + System.nanoTime();
            byte[] body = PayRequests.body(requestId, code);
            String time = RequestTime.format(Instant.now());
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header("Client-Id", BenchWorld.MERCHANT_CLIENT_ID)
                    .header("Request-Time", time)
                    .header("Signature", world.merchantSigner.sign("POST", PayRequests.PATH, time, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long end = System.nanoTime();
            // the terminal checks the answer as Alipay's SDKs do
            if (response.statusCode() != 200) {
                return new LoadRunner.Sample(start, end, "HTTP " + response.statusCode());
            }
            if (!world.signedByGateway(PayRequests.PATH, name -> response.headers().firstValue(name).orElse(null), response.body())) {
                return new LoadRunner.Sample(start, end, "BAD_GATEWAY_SIGNATURE");
            }
            return new LoadRunner.Sample(start, end, PayRequests.resultCode(response.body()));
        }
    }

    private static String report(List<Level> levels, double warmup, double measure, double floorWarmup, double floorMeasure) {
        StringBuilder md = new StringBuilder();
        md.append("## Throughput: user-presented payments through the local stack over loopback HTTP\n\n");
        md.append("Measured ").append(Machine.now()).append(" with `java -jar infra/bench/target/scanpay-bench.jar throughput`. ")
                .append(String.format(Locale.ROOT, "Per level: the stack %.0f s warm-up then %.0f s measured; the floor %.0f s + %.0f s. ",
                        warmup, measure, floorWarmup, floorMeasure))
                .append("Closed loop: *concurrency* terminals each send one payment at a time. Only `SUCCESS` answers count. ")
                .append("Everything was warmed once before the first level, and each phase starts after a full GC.\n\n");
        Markdown main = new Markdown("Concurrency", "Stack payments/s", "p50 ms", "p99 ms", "Floor payments/s", "Stack / floor");
        for (Level level : levels) {
            main.row(Integer.toString(level.concurrency()), Stats.ms1(level.stack().perSecond()),
                    Stats.ms1(level.stack().p50Millis()), Stats.ms1(level.stack().p99Millis()),
                    Stats.ms1(level.floor().perSecond()), Stats.ratio(level.stack().perSecond(), level.floor().perSecond()));
        }
        md.append(main.render()).append('\n');
        md.append("Details: payments counted, anything not `SUCCESS`, the floor's own latency, and the floor with the load ")
                .append("driver's crypto added (the merchant's request signature and its check of the answer, which the stack run ")
                .append("also spends on the same two cores):\n\n");
        Markdown detail = new Markdown("Concurrency", "Stack SUCCESS", "Stack not SUCCESS", "Floor p50 ms", "Floor p99 ms",
                "Floor + client payments/s", "Stack / (floor + client)");
        for (Level level : levels) {
            detail.row(Integer.toString(level.concurrency()), Long.toString(level.stack().successes()),
                    level.stack().failureSummary(), Stats.ms1(level.floor().p50Millis()), Stats.ms1(level.floor().p99Millis()),
                    Stats.ms1(level.floorWithClient().perSecond()),
                    Stats.ratio(level.stack().perSecond(), level.floorWithClient().perSecond()));
        }
        md.append(detail.render()).append('\n');
        md.append("What runs where (one JVM, ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs shared by everything):\n");
        md.append("- Stack: the merchant API's controllers on Micronaut/Netty on 127.0.0.1 (as `infra/local` runs them), DynamoDB Local ")
                .append("in memory, the wallet simulator on loopback. Gateway logs (one INFO line per request) go to ")
                .append("`infra/bench/target/bench.log`; the simulator's per-call INFO lines are off. The simulator runs with ")
                .append("`sun.net.httpserver.nodelay=").append(System.getProperty("sun.net.httpserver.nodelay", "false"))
                .append("` (TCP_NODELAY; without it each wallet answer waits about 40 ms for a delayed ACK).\n");
        md.append("- Load driver: JDK HttpClient (HTTP/1.1, kept-alive connections). Per payment it takes a fresh code from the ")
                .append("simulator's Java API, signs the request with the merchant key, and verifies the gateway's signature on the ")
                .append("answer. Latency is the HTTP round trip only (request sent to answer read), not the driver's own signing.\n");
        md.append("- Floor: ").append(Floor.describe()).append(". Core's RsaSigner and PaymentStore against the same DynamoDB Local ")
                .append("(its own table), same thread counts, nothing else.\n\n");
        md.append("Machine:\n").append(Machine.markdown()).append('\n');
        return md.toString();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
