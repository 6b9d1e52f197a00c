package dev.scanpay.local;

import dev.scanpay.core.client.Client;
import dev.scanpay.core.client.ClientKind;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.lifecycle.PaymentFollowUp;
import dev.scanpay.core.lifecycle.RefundFollowUp;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.wallet.Wallet;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.simulator.SimulatorConfig;
import dev.scanpay.simulator.WalletSimulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function built so far on one local port (the same controllers Lambda runs, on Netty), DynamoDB
 * Local persisted under the data dir, the wallet simulator, and the status sweeper on a timer.
 */
final class LocalStack {

    static final String TABLE = "scanpay";
    static final String GATEWAY_CLIENT_ID = "SCANPAY";
    static final String DEMO_CLIENT_ID = "DEMO_MERCHANT";
    static final long SWEEP_EVERY_MS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private LocalStack() {
    }

    static void serve(Args args) throws Exception {
        Path dir = Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath();
        int port = args.integer("port", 8080);
        int walletPort = args.integer("wallet-port", 8090);
        Files.createDirectories(dir.resolve("dynamodb"));
        LocalFiles files = new LocalFiles(dir);

        requireFreePort(port, "--port");
        requireFreePort(walletPort, "--wallet-port");
        EmbeddedDynamo dynamo = EmbeddedDynamo.persistedUnder(dir.resolve("dynamodb"));
        DynamoDbClient db = dynamo.client();
        ScanpayTable.ensure(db, TABLE);

        KeyPair gatewayKeys = files.keyPair("gateway-key.json");
        WalletSimulator wallet = WalletSimulator.start(SimulatorConfig.builder()
                .port(walletPort).clock(Clock.systemUTC()).keyPair(files.keyPair("simulator-key.json")).build());
        wallet.trustGateway(GATEWAY_CLIENT_ID, gatewayKeys.getPublic());
        new WalletStore(db, TABLE).put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                wallet.publicKey(), wallet.keyVersion(), wallet.codePrefixes()));

        KeyPair demoKeys = files.keyPair("demo-merchant-key.json");
        new ClientStore(db, TABLE).put(new Client(DEMO_CLIENT_ID, "Demo Merchant", ClientKind.MERCHANT,
                Map.of("1", RsaKeys.encode(demoKeys.getPublic())), Set.of(), null, Instant.now()));
        String gatewayUrl = "http://127.0.0.1:" + port;
        files.write(files.path("demo-merchant.json"), JsonObject.create()
                .put("clientId", DEMO_CLIENT_ID)
                .put("privateKey", RsaKeys.encode(demoKeys.getPrivate()))
                .put("publicKey", RsaKeys.encode(demoKeys.getPublic()))
                .put("gatewayPublicKey", RsaKeys.encode(gatewayKeys.getPublic()))
                .put("keyVersion", "1")
                .put("gatewayUrl", gatewayUrl)
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
                        "scanpay.gateway.public-url", gatewayUrl))
                .start();

        files.write(files.path("stack.json"), JsonObject.create()
                .put("gatewayUrl", gatewayUrl)
                .put("walletUrl", wallet.baseUrl())
                .put("dynamodbEndpoint", dynamo.endpoint())
                .put("table", TABLE)
                .put("pid", ProcessHandle.current().pid())
                .build());

        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "status-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        PaymentFollowUp followUp = context.getBean(PaymentFollowUp.class);
        RefundFollowUp refundFollowUp = context.getBean(RefundFollowUp.class);
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                followUp.sweep(100);
                refundFollowUp.sweep(100);
            } catch (RuntimeException e) {
                LOG.error("Sweep failed", e);
            }
        }, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);

        // Micronaut's own shutdown hook closes the context; closing it here too deadlocks the two hooks
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sweeper.shutdownNow();
            wallet.close();
            dynamo.close();
        }));
        printBanner(dir, gatewayUrl, wallet, dynamo);
        Thread.currentThread().join();
    }

    private static void requireFreePort(int port, String option) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new StartupFailure("port " + port + " on 127.0.0.1 is in use (another stack running?); choose another with "
                    + option + " PORT");
        }
    }

    private static void printBanner(Path dir, String gatewayUrl, WalletSimulator wallet, EmbeddedDynamo dynamo) {
        String jar = "infra/local/target/scanpay-local.jar";
        System.out.printf("""

                Scanpay local stack is up.
                  Merchant API    %s/ams/api/v1/payments/{pay,inquiryPayment,cancel}
                  Wallet (sim)    %s  wallet %s, payment codes start %s
                  DynamoDB Local  %s  table %s, data in %s
                  Demo merchant   %s  (clientId %s, keys, gateway public key)
                  Status sweeper  every %d s

                Take a payment from a simulator customer (in another terminal):
                  java -jar %s pay --data-dir %s --amount 1250 --currency USD

                Or by hand: get a code with
                  curl -s -X POST %s/customers/alice/payment-code
                and send a signed pay to the merchant API (see README.md, "Calling the API").
                Stop with Ctrl-C; data stays in %s.
                %n""", gatewayUrl, wallet.baseUrl(), wallet.walletId(), String.join("/", wallet.codePrefixes()),
                dynamo.endpoint(), TABLE, dir.resolve("dynamodb"), dir.resolve("demo-merchant.json"), DEMO_CLIENT_ID,
                SWEEP_EVERY_MS / 1000, jar, dir, wallet.baseUrl(), dir);
    }
}
