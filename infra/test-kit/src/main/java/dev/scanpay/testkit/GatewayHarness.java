package dev.scanpay.testkit;

import dev.scanpay.core.config.LambdaHttpFunction;
import dev.scanpay.testing.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.simulator.SimulatorConfig;
import dev.scanpay.simulator.WalletSimulator;
import dev.scanpay.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The merchant and wallet APIs served through one {@link Adapter}: as Lambda runs them (the real handler
 * class with its own application context, fed API Gateway events) or as the local stack serves them (the
 * same context on Netty, over HTTP). Either way over DynamoDB Local in this JVM (a fresh table per
 * harness) and the wallet simulator on loopback with real keys; requests go through {@link #transport}.
 * Time is a {@link MutableClock} shared by the gateway and the simulator.
 */
public final class GatewayHarness implements AutoCloseable {

    public static final String GATEWAY_CLIENT_ID = "SCANPAY";
    private static final String NOWHERE_PREFIX = "http://127.0.0.1:9/";
    public static final Duration WALLET_TIMEOUT = Duration.ofMillis(700);

    public final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    public final KeyPair gatewayKeys = TestKeyPairs.of("gateway");
    /** The simulator's keys, known here so a {@link SignedWallet} can speak as it. */
    public final KeyPair walletKeys = TestKeyPairs.of("wallet");
    public final String table = "scanpay-" + UUID.randomUUID();
    public final EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
    public final DynamoDbClient dynamoClient = dynamo.client();
    /** The functions' DynamoDB client: every call recorded, and checked against each function's policy on close. */
    public final DynamoCalls dynamoCalls = DynamoCalls.recording(dynamo.client());
    public final WalletSimulator wallet;
    private DynamoFaultProxy faultProxy;
    public final ApplicationContext context;
    /** The EMF lines the gateway's functions write (instead of stdout). */
    public final EmfCapture metrics = new EmfCapture();
    /** Where {@link #startNetty} serves; chosen up front because the gateway tells wallets its public URL. */
    public final int httpPort = freePort();
    /** The Lambda handler over {@link #context} ({@link Adapter#LAMBDA}); null on Netty. */
    public final APIGatewayV2HTTPEventFunction handler;
    /** Which adapter serves {@link #context}'s controllers to {@link #transport}. */
    public final Adapter adapter;
    /** How callers' requests reach the controllers: the Lambda handler, or HTTP to {@link #context}'s Netty server. */
    public final Transport transport;

    /** Outbound rules as the local stack has them: the simulator and receivers are on loopback, over plain http. */
    public static final Map<String, Object> LOCAL_OUTBOUND =
            Map.of("scanpay.outbound.allow-loopback", true, "scanpay.outbound.require-https", false);
    /** Outbound rules as deployed (the defaults): loopback refused, https required. */
    public static final Map<String, Object> DEPLOYED_OUTBOUND =
            Map.of("scanpay.outbound.allow-loopback", false, "scanpay.outbound.require-https", true);

    public GatewayHarness() {
        this(Adapter.LAMBDA);
    }

    public GatewayHarness(Adapter adapter) {
        this(adapter, LOCAL_OUTBOUND, null);
    }

    /** @param outbound the outbound settings ({@link #LOCAL_OUTBOUND} or {@link #DEPLOYED_OUTBOUND}) */
    public GatewayHarness(Map<String, Object> outbound) {
        this(Adapter.LAMBDA, outbound, null);
    }

    public GatewayHarness(Adapter adapter, Map<String, Object> outbound) {
        this(adapter, outbound, null);
    }

    /**
     * @param gatewayDynamo what the gateway's own DynamoDB client is made of the real one (a
     *                      {@link CountingDynamo}, say); null for the real one as it is
     */
    public GatewayHarness(java.util.function.UnaryOperator<DynamoDbClient> gatewayDynamo) {
        this(Adapter.LAMBDA, LOCAL_OUTBOUND, gatewayDynamo);
    }

    public GatewayHarness(Adapter adapter, java.util.function.UnaryOperator<DynamoDbClient> gatewayDynamo) {
        this(adapter, LOCAL_OUTBOUND, gatewayDynamo);
    }

    public GatewayHarness(Map<String, Object> outbound, java.util.function.UnaryOperator<DynamoDbClient> gatewayDynamo) {
        this(Adapter.LAMBDA, outbound, gatewayDynamo);
    }

    /**
     * @param adapter how the controllers are served; on {@link Adapter#NETTY} the server listens on a port of
     *                its own, not {@link #publicUrl()}'s, so wallets reach the gateway through either adapter
     *                only where a test starts {@link #startNetty()}
     */
    public GatewayHarness(Adapter adapter, Map<String, Object> outbound,
                          java.util.function.UnaryOperator<DynamoDbClient> gatewayDynamo) {
        this(adapter, outbound, gatewayDynamo, null);
    }

    /**
     * A harness whose gateway builds its own DynamoDB client, as deployed ({@code BasicsFactory}: the SDK's real
     * timeouts and retries, over HTTP), and reaches DynamoDB Local through a {@link DynamoFaultProxy} seeded with
     * {@code seed} ({@link #faultProxy()}, closed with the harness). Its calls are not recorded in {@link #dynamoCalls}.
     */
    public static GatewayHarness behindFaultProxy(Adapter adapter, long seed) {
        java.util.concurrent.atomic.AtomicReference<DynamoFaultProxy> proxy = new java.util.concurrent.atomic.AtomicReference<>();
        GatewayHarness harness = new GatewayHarness(adapter, LOCAL_OUTBOUND, null, dynamoLocal -> {
            proxy.set(DynamoFaultProxy.start(dynamoLocal, seed));
            return proxy.get().endpoint();
        });
        harness.faultProxy = proxy.get();
        return harness;
    }

    /** The fault proxy between the gateway and DynamoDB Local ({@link #behindFaultProxy}); null otherwise. */
    public DynamoFaultProxy faultProxy() {
        return faultProxy;
    }

    private GatewayHarness(Adapter adapter, Map<String, Object> outbound,
                           java.util.function.UnaryOperator<DynamoDbClient> gatewayDynamo,
                           java.util.function.UnaryOperator<String> gatewayEndpoint) {
        this.adapter = adapter;
        ScanpayTable.ensure(dynamoClient, table);
        wallet = WalletSimulator.start(SimulatorConfig.builder().clock(clock).hangDuration(Duration.ofMillis(1500))
                .keyPair(walletKeys).build());
        wallet.trustGateway(GATEWAY_CLIENT_ID, gatewayKeys.getPublic());
        new WalletStore(dynamoClient, table).put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                wallet.publicKey(), wallet.keyVersion(), wallet.codePrefixes(), wallet.cashierUrl(), wallet.userAgentMarker()));
        context = ApplicationContext.builder()
                // a test's recorded DynamoDB calls and captured logs are its requests' alone; a test that is about
                // priming turns it back on in its settings
                .properties(Map.of("scanpay.priming.enabled", false))
                .properties(outbound)
                .properties(Map.of(
                        "scanpay.table", table,
                        "scanpay.dynamodb.endpoint", gatewayEndpoint == null ? dynamo.endpoint() : gatewayEndpoint.apply(dynamo.endpoint()),
                        "scanpay.gateway.client-id", GATEWAY_CLIENT_ID,
                        "scanpay.gateway.public-url", publicUrl(),
                        "scanpay.gateway.key.private-key", RsaKeys.encode(gatewayKeys.getPrivate()),
                        "scanpay.gateway.key.key-version", "1",
                        "scanpay.wallet.timeout.pay", WALLET_TIMEOUT.toMillis() + "ms",
                        "scanpay.wallet.timeout.inquiry", WALLET_TIMEOUT.toMillis() + "ms",
                        "scanpay.wallet.timeout.cancel", WALLET_TIMEOUT.toMillis() + "ms"))
                .properties(adapter == Adapter.NETTY
                        ? Map.of("micronaut.server.host", "127.0.0.1", "micronaut.server.port", -1) : Map.of())
                .singletons(gatewayEndpoint != null ? new Object[] {clock, metrics.metrics}
                        : new Object[] {clock, metrics.metrics, gatewayDynamo == null ? dynamoCalls.client() : gatewayDynamo.apply(dynamoCalls.client())})
                .start();
        if (adapter == Adapter.LAMBDA) {
            handler = new LambdaHttpFunction(context);
            transport = Transport.lambda(handler, (method, path) -> "$default", "127.0.0.1");
        } else {
            handler = null;
            var server = context.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
            server.start();
            transport = Transport.http(server.getURI());
        }
    }

    /**
     * The same controllers on Netty, in their own context over the same table, simulator and clock:
     * what the local stack serves. Closed with the harness.
     */
    public java.net.URI startNetty() {
        Map<String, Object> properties = new java.util.HashMap<>(context.getEnvironment()
                .getProperties("scanpay", io.micronaut.core.naming.conventions.StringConvention.RAW)
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> "scanpay." + e.getKey(), Map.Entry::getValue)));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", httpPort);
        nettyContext = ApplicationContext.builder().properties(properties).singletons(clock, metrics.metrics).start();
        var server = nettyContext.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        server.start();
        return server.getURI();
    }

    private ApplicationContext nettyContext;

    /** The gateway's public base URL: code values and the notify URL wallets are given point here. */
    public String publicUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Registers a merchant (or ISV) client with a fresh key pair and returns a signer for it. Its notify URL
     * prefix is {@link PayBodies#NOWHERE}'s, the URL the pay bodies name.
     */
    public SignedMerchant merchant(String clientId, ClientKind kind, Set<String> merchantIds) {
        return merchant(clientId, kind, merchantIds, List.of(NOWHERE_PREFIX));
    }

    /** As {@link #merchant(String, ClientKind, Set)}, with these notify URL prefixes. */
    public SignedMerchant merchant(String clientId, ClientKind kind, Set<String> merchantIds, List<String> notifyUrlPrefixes) {
        KeyPair keys = TestKeyPairs.of("merchant " + clientId);
        new ClientStore(dynamoClient, table).put(new Client(clientId, clientId + " Ltd", kind,
                Map.of("1", RsaKeys.encode(keys.getPublic())), merchantIds, null, NotifyUrlPrefixes.of(notifyUrlPrefixes),
                clock.instant()));
        return new SignedMerchant(this, clientId, "1", keys);
    }

    /** A caller signing as a client registered some other way (by the admin tool), with its own keys. */
    public SignedMerchant signedAs(String clientId, String keyVersion, KeyPair keys) {
        return new SignedMerchant(this, clientId, keyVersion, keys);
    }

    /** A merchant whose notifications may also go under these prefixes (a test's own receivers). */
    public SignedMerchant merchant(String clientId, String... notifyUrlPrefixes) {
        List<String> prefixes = new java.util.ArrayList<>(List.of(notifyUrlPrefixes));
        prefixes.add(NOWHERE_PREFIX);
        return merchant(clientId, ClientKind.MERCHANT, Set.of(), prefixes);
    }

    /**
     * Registers a legacy partner (a client whose id is its 16-digit partner id) with a fresh RSA key pair, and
     * returns a caller for it. Its MD5 key, a secret, is not in the table: give the harness the same key in
     * {@code scanpay.legacy.md5-keys.json} (see {@link #legacyMd5Keys}); null for a partner without one.
     */
    public LegacyPartner legacyPartner(String partnerId, String md5Key) {
        return legacyPartner(partnerId, md5Key, List.of());
    }

    /** As {@link #legacyPartner(String, String)}, its notify_url allowed under these prefixes. */
    public LegacyPartner legacyPartner(String partnerId, String md5Key, List<String> notifyUrlPrefixes) {
        KeyPair keys = TestKeyPairs.of("partner " + partnerId);
        new ClientStore(dynamoClient, table).put(new Client(partnerId, "Partner " + partnerId, ClientKind.MERCHANT,
                Map.of("1", RsaKeys.encode(keys.getPublic())), Set.of(), null, NotifyUrlPrefixes.of(notifyUrlPrefixes),
                clock.instant()));
        return new LegacyPartner(transport, partnerId, md5Key, keys, gatewayKeys.getPublic());
    }

    /** Harness settings with these partners' MD5 keys (a JSON object, as the secret holds them) added to {@code outbound}. */
    public static Map<String, Object> legacyMd5Keys(Map<String, Object> outbound, Map<String, String> keysByPartner) {
        Map<String, Object> properties = new java.util.HashMap<>(outbound);
        properties.put("scanpay.legacy.md5-keys.json", keysByPartner.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        return properties;
    }

    /** The simulator's wallet, its calls made by the test. */
    public SignedWallet walletCaller() {
        return new SignedWallet(this, wallet.walletId(), wallet.keyVersion(), walletKeys);
    }

    /** The simulator's wallet, its calls made by the test, signed with another key under another version. */
    public SignedWallet walletCaller(String keyVersion, KeyPair keys) {
        return new SignedWallet(this, wallet.walletId(), keyVersion, keys);
    }

    /**
     * Registers the simulator's wallet again with these public keys by version (base64 X.509), as an operator
     * rotating its key would; the gateway sees it once its cached registry expires (30 s of the clock).
     */
    public void registerWalletKeys(Map<String, String> publicKeys) {
        new WalletStore(dynamoClient, table).put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                publicKeys, wallet.codePrefixes(), wallet.cashierUrl(), wallet.userAgentMarker()));
    }


    /** An event straight to the Lambda handler (on {@link Adapter#LAMBDA} only). */
    public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        if (handler == null) {
            throw new IllegalStateException("no Lambda handler: this harness serves through " + adapter);
        }
        return handler.handleRequest(event, new TestLambdaContext());
    }

    public PaymentStore payments() {
        return context.getBean(PaymentStore.class);
    }

    public Payment payment(String paymentId) {
        return payments().get(paymentId).orElseThrow();
    }

    /**
     * One round of what the scheduled sweeper does, run by hand at the current (moved) time: payments,
     * refunds, merchant notifications.
     */
    public int sweep() {
        return context.getBean(Sweeper.class).sweepOnce(100);
    }

    public RefundStore refunds() {
        return context.getBean(RefundStore.class);
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Waits (real time, at most {@code atMost}) until no request's work is still running after its caller was
     * answered at its deadline: what such work leaves is read only once it has finished.
     */
    public void awaitLeftoverWork(Duration atMost) throws InterruptedException {
        var deadlines = context.getBean(dev.scanpay.core.api.AnswerDeadlines.class);
        long until = System.nanoTime() + atMost.toNanos();
        while (deadlines.inFlight() > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError(deadlines.inFlight() + " requests still working after " + atMost);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        if (nettyContext != null) {
            nettyContext.close();
        }
        if (handler != null) {
            handler.close();
        } else {
            context.close();
        }
        wallet.close();
        if (faultProxy != null) {
            faultProxy.close();
        }
        dynamoClient.deleteTable(b -> b.tableName(table));
        dynamoClient.close();
        dynamoCalls.reportAndAssertWithinPolicies();
    }
}
