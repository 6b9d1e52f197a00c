package dev.scanpay.local;

import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.simulator.SimulatorConfig;
import dev.scanpay.simulator.WalletSimulator;
import dev.scanpay.core.observe.EmfMetrics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function on one local port (the same controllers Lambda runs, on Netty: merchant API, wallet API,
 * code pages and QR images), DynamoDB Local persisted under the data dir, the wallet simulator (which
 * also scans codes and hosts its cashier page), and the status sweeper on a timer.
 */
final class LocalStack {

    static final String TABLE = "scanpay";
    static final String GATEWAY_CLIENT_ID = "SCANPAY";
    static final String DEMO_CLIENT_ID = "DEMO_MERCHANT";
    /** The demo merchant as a Legacy Barcode API partner (16 digits starting 2088), with the same RSA key. */
    static final String DEMO_PARTNER = "2088100000000001";
    static final long SWEEP_EVERY_MS = 2000;
    static final String LEGACY_MD5_KEYS = "legacy-md5-keys.json";
    /** The EMF lines the stack's functions write (in Lambda they go to stdout). */
    static final String METRICS_FILE = "metrics.emf";

    /**
     * The demo partner's MD5 key from the legacy partners' keys file ({"2088...": "<md5Key>"}, read by the gateway as
     * the secret is in AWS), made once and kept, like the key pairs, so a restart keeps it.
     */
    static String legacyMd5Key(LocalFiles files, String partner) {
        Path path = files.path(LEGACY_MD5_KEYS);
        Map<String, Object> keys = Files.exists(path) ? new java.util.LinkedHashMap<>(files.read(path))
                : new java.util.LinkedHashMap<>();
        if (!(keys.get(partner) instanceof String)) {
            keys.put(partner, dev.scanpay.core.api.legacy.LegacyMd5Keys.newKey());
            files.write(path, keys);
        }
        return (String) keys.get(partner);
    }

    /** The local stack's outbound rules (the properties it starts the gateway with say the same). */
    static final DestinationRules LOCAL_DESTINATIONS = new DestinationRules(true, false);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private LocalStack() {
    }

    static final String DEMO_MERCHANT_ID = "DEMO-M1";
    static final String DEMO_STORE_ID = "DEMO-S1";

    /** A running stack; closing it stops everything it started. */
    record Running(Path dir, String gatewayUrl, String demoEntryCodeUrl, WalletSimulator wallet, Dynamo dynamo,
                   ApplicationContext context, ScheduledExecutorService sweeper) implements AutoCloseable {
        @Override
        public void close() {
            sweeper.shutdownNow();
            context.close();
            wallet.close();
            dynamo.close();
        }
    }

    /**
     * The stack's DynamoDB: DynamoDB Local embedded and persisted under the data dir, or one given by
     * {@code --dynamodb-endpoint} (another DynamoDB Local, a fault-injecting proxy in front of one, or a real
     * table's regional endpoint), which the stack only connects to.
     *
     * @param dataDir where the embedded one keeps its data; null for an external one
     */
    record Dynamo(String endpoint, Path dataDir, AutoCloseable embedded) {

        static Dynamo embeddedUnder(Path dataDir) {
            EmbeddedDynamo dynamo = EmbeddedDynamo.persistedUnder(dataDir);
            return new Dynamo(dynamo.endpoint(), dataDir, dynamo);
        }

        static Dynamo external(String endpoint) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new StartupFailure("--dynamodb-endpoint must be an http(s) URL, like http://127.0.0.1:8000");
            }
            return new Dynamo(endpoint, null, null);
        }

        /** A client of the stack's own (registrations at start); the gateway's is built from its settings. */
        DynamoDbClient client() {
            return DynamoDbClient.builder().endpointOverride(URI.create(endpoint))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        }

        String where() {
            return dataDir == null ? "external" : "data in " + dataDir;
        }

        void close() {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (Exception e) {
                    LOG.warn("DynamoDB Local did not stop cleanly", e);
                }
            }
        }
    }

    static void serve(Args args) throws Exception {
        Path dir = Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath();
        Running stack = start(dir, args.integer("port", 8080), args.integer("wallet-port", 8090), args.get("notify-url", null),
                demoNotifyUrlPrefixes(args.get("notify-url", null), args.get("notify-urls", null)),
                args.get("dynamodb-endpoint", null));
        // Micronaut's own shutdown hook closes the context; closing it here too deadlocks the two hooks
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.sweeper().shutdownNow();
            stack.wallet().close();
            stack.dynamo().close();
        }));
        printBanner(stack);
        Thread.currentThread().join();
    }

    static Running start(Path dir, int port, int walletPort) throws IOException {
        return start(dir, port, walletPort, null, List.of(DEFAULT_RECEIVER_PREFIX));
    }

    /** Where `./scanpay-local receiver` listens by default: the demo merchant may always be notified there. */
    static final String DEFAULT_RECEIVER_PREFIX = "http://127.0.0.1:8070/";

    /**
     * The demo merchant's notify URL prefixes: --notify-urls as given, or the receiver's default address; and
     * its default --notify-url, which must be inside its own list.
     */
    static List<String> demoNotifyUrlPrefixes(String notifyUrl, String notifyUrls) {
        List<String> prefixes = new java.util.ArrayList<>(notifyUrls == null ? List.of(DEFAULT_RECEIVER_PREFIX) : RegisterClient.list(notifyUrls));
        if (notifyUrl != null && !NotifyUrlPrefixes.of(prefixes).admits(notifyUrl)) {
            prefixes.add(notifyUrl);
        }
        return prefixes;
    }

    /**
     * @param demoNotifyUrl the demo merchant's default notify URL (--notify-url): every payment of every
     *                      scenario it takes, entry-code page payments included, is notified there
     */
    static Running start(Path dir, int port, int walletPort, String demoNotifyUrl, List<String> demoNotifyUrlPrefixes)
            throws IOException {
        return start(dir, port, walletPort, demoNotifyUrl, demoNotifyUrlPrefixes, null);
    }

    /** @param dynamoEndpoint an external DynamoDB (--dynamodb-endpoint); null for DynamoDB Local under {@code dir} */
    static Running start(Path dir, int port, int walletPort, String demoNotifyUrl, List<String> demoNotifyUrlPrefixes,
                         String dynamoEndpoint) throws IOException {
        if (demoNotifyUrl != null) {
            LOCAL_DESTINATIONS.refusalOf(demoNotifyUrl).ifPresent(problem -> {
                throw new IllegalArgumentException("--notify-url " + problem);
            });
        }
        Files.createDirectories(dir.resolve("dynamodb"));
        LocalFiles files = new LocalFiles(dir);

        requireFreePort(port, "--port");
        requireFreePort(walletPort, "--wallet-port");
        Dynamo dynamo = dynamoEndpoint == null ? Dynamo.embeddedUnder(dir.resolve("dynamodb")) : Dynamo.external(dynamoEndpoint);
        DynamoDbClient db = dynamo.client();
        ScanpayTable.ensure(db, TABLE);   // created when missing, in an external DynamoDB too
        String gatewayUrl = "http://127.0.0.1:" + port;

        KeyPair gatewayKeys = files.keyPair("gateway-key.json");
        WalletSimulator wallet = WalletSimulator.start(SimulatorConfig.builder()
                .port(walletPort).clock(Clock.systemUTC()).keyPair(files.keyPair("simulator-key.json")).build());
        wallet.trustGateway(GATEWAY_CLIENT_ID, gatewayKeys.getPublic());
        wallet.connectGateway(gatewayUrl);
        new WalletStore(db, TABLE).put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                wallet.publicKey(), wallet.keyVersion(), wallet.codePrefixes(), wallet.cashierUrl(), wallet.userAgentMarker()));

        KeyPair demoKeys = files.keyPair("demo-merchant-key.json");
        new ClientStore(db, TABLE).put(new Client(DEMO_CLIENT_ID, "Demo Merchant", ClientKind.MERCHANT,
                Map.of("1", RsaKeys.encode(demoKeys.getPublic())), Set.of(), demoNotifyUrl,
                NotifyUrlPrefixes.of(demoNotifyUrlPrefixes), Instant.now()));
        // the demo partner's spot.pay may name a notify_url under the demo merchant's own prefixes
        new ClientStore(db, TABLE).put(new Client(DEMO_PARTNER, "Demo Merchant (legacy)", ClientKind.MERCHANT,
                Map.of("1", RsaKeys.encode(demoKeys.getPublic())), Set.of(), null,
                NotifyUrlPrefixes.of(demoNotifyUrlPrefixes), Instant.now()));
        String demoMd5Key = legacyMd5Key(files, DEMO_PARTNER);
        String demoEntryCodeUrl = demoEntryCode(db, gatewayUrl);
        files.write(files.path("demo-merchant.json"), JsonObject.create()
                .put("clientId", DEMO_CLIENT_ID)
                .put("privateKey", RsaKeys.encode(demoKeys.getPrivate()))
                .put("publicKey", RsaKeys.encode(demoKeys.getPublic()))
                .put("gatewayPublicKey", RsaKeys.encode(gatewayKeys.getPublic()))
                .put("keyVersion", "1")
                .put("gatewayUrl", gatewayUrl)
                .put("legacy", JsonObject.create().put("partner", DEMO_PARTNER).put("md5Key", demoMd5Key))
                .build());

        ApplicationContext context = Micronaut.build(new String[0])
                .banner(false)
                .properties(Map.of(
                        "micronaut.server.host", "127.0.0.1",
                        "micronaut.server.port", port,
                        "micronaut.server.max-request-size", 10 * 1024 * 1024,
                        "scanpay.table", TABLE,
                        "scanpay.dynamodb.endpoint", dynamo.endpoint(),
                        "scanpay.gateway.client-id", GATEWAY_CLIENT_ID,
                        "scanpay.gateway.key.file", files.path("gateway-key.json").toString(),
                        "scanpay.gateway.public-url", gatewayUrl,
                        // everything here (simulator, receivers) is on loopback and plain http
                        "scanpay.outbound.allow-loopback", true,
                        "scanpay.outbound.require-https", false))
                // the legacy partners' MD5 keys, {"2088...": "<md5Key>"}: a file here, as the gateway key is
                .properties(Map.of("scanpay.legacy.md5-keys.file", files.path(LEGACY_MD5_KEYS).toString(),
                        // the daily reports (./scanpay-local report) and the merchants' links to them
                        "scanpay.reports.dir", files.path("reports").toString()))
                // metrics to DIR/metrics.emf, not the console
                .singletons(new EmfMetrics("Scanpay/local", "local", new EmfFileSink(files.path(METRICS_FILE))))
                .start();

        files.write(files.path("stack.json"), JsonObject.create()
                .put("gatewayUrl", gatewayUrl)
                .put("walletUrl", wallet.baseUrl())
                .put("demoEntryCodeUrl", demoEntryCodeUrl)
                .put("dynamodbEndpoint", dynamo.endpoint())
                .put("table", TABLE)
                .put("pid", ProcessHandle.current().pid())
                .build());

        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "status-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        // what the scheduled Lambda function runs, as one round every few seconds
        Sweeper rounds = context.getBean(Sweeper.class);
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                rounds.sweepOnce(100);
            } catch (RuntimeException e) {
                LOG.error("Sweep failed", e);
            }
        }, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);
        return new Running(dir, gatewayUrl, demoEntryCodeUrl, wallet, dynamo, context, sweeper);
    }

    /** The demo store's entry code (one per store: the same code across restarts). */
    private static String demoEntryCode(DynamoDbClient db, String gatewayUrl) {
        String token = CodeTokens.next();
        CodeUrls urls = new CodeUrls(gatewayUrl);
        EntryCode code = new EntryCodeStore(db, TABLE).register(new EntryCode(token, DEMO_CLIENT_ID, DEMO_MERCHANT_ID,
                "Demo Merchant", "5812", "Demo Café", DEMO_STORE_ID, "Demo Store", "5812", "Demo Café, Harbour St",
                Currency.getInstance("JPY"), null, Instant.now()), urls.codeValue(token));
        return urls.codeValue(code.token());
    }

    private static void requireFreePort(int port, String option) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new StartupFailure("port " + port + " on 127.0.0.1 is in use (another stack running?); choose another with "
                    + option + " PORT");
        }
    }

    private static void printBanner(Running stack) {
        String jar = "infra/local/target/scanpay-local.jar";
        WalletSimulator wallet = stack.wallet();
        Path dir = stack.dir();
        System.out.printf("""

                Scanpay local stack is up.
                  Merchant API    %1$s/ams/api/v1/payments/{pay,inquiryPayment,cancel}, /ams/api/v1/codes/registerEntryCode
                  Wallet API      %1$s/aps/api/v1/payments/{userInitiatedPay,notifyPayment}
                  Code pages      %1$s/c/{token}, QR images %1$s/qr/{token}.png
                  Wallet (sim)    %2$s  wallet %3$s, payment codes start %4$s, cashier %5$s
                  DynamoDB        %6$s  table %7$s, %8$s
                  Demo merchant   %9$s  (clientId %10$s, keys, gateway public key)
                  Status sweeper  every %11$d s

                In another terminal:
                  ./scanpay-local pay --amount 1250 --currency USD     customer alice shows a payment code, the demo merchant charges it
                  ./scanpay-local order-code --amount 880 --currency JPY   the demo merchant shows an order code (QR in the terminal)
                  ./scanpay-local scan --code CODE_VALUE            simulator customer alice scans it and pays

                The demo store's entry code: open it in a browser, type an amount, confirm at the wallet's cashier
                  %12$s?wallet=%3$s
                (a wallet's own browser, whose User-Agent contains "%13$s", needs no ?wallet=)

                Stop with Ctrl-C; data stays in %14$s.
                %n""", stack.gatewayUrl(), wallet.baseUrl(), wallet.walletId(), String.join("/", wallet.codePrefixes()),
                wallet.cashierUrl(), stack.dynamo().endpoint(), TABLE, stack.dynamo().where(), dir.resolve("demo-merchant.json"),
                DEMO_CLIENT_ID, SWEEP_EVERY_MS / 1000, stack.demoEntryCodeUrl(), wallet.userAgentMarker(), dir);
    }
}
