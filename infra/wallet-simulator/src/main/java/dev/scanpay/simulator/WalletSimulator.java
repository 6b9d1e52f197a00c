package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wallet (MPP) speaking the Alipay+ side over real HTTP with real RSA signatures, with per-customer
 * behaviours, amount triggers and a wallet-wide fault switch, so every payment path (success, decline,
 * in process, no answer, 5xx, badly signed or unsigned answers) can be reproduced on a laptop. Tests run
 * it in-process on loopback; the local stack runs it on port 8090.
 */
public final class WalletSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalletSimulator.class);
    /** Connections held by NO_ANSWER and HANG each occupy a thread; a cached pool never runs out. */
    private static final int BACKLOG = 256;

    private final SimulatorConfig config;
    private final String publicKey;
    private final WalletLedger ledger;
    private final GatewayTrust trust = new GatewayTrust();
    private final ConnectionHolder holder;
    private final WalletApiHandler walletApi;
    private final ExecutorService executor;
    private final HttpServer server;

    private WalletSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        KeyPair keys = config.keyPair() != null ? config.keyPair() : RsaKeys.generate();
        this.publicKey = RsaKeys.encode(keys.getPublic());
        Json json = Json.standalone();
        this.ledger = new WalletLedger(config.clock(), config.codePrefix());
        this.holder = new ConnectionHolder(config.hangDuration());
        MessageSigner signer = new MessageSigner(config.walletId(), config.keyVersion(), keys.getPrivate());
        this.walletApi = new WalletApiHandler(ledger, trust, new WalletAnswerWriter(signer, json, config.clock(), holder),
                holder, json);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), BACKLOG);
        server.createContext("/", new SimulatorRouter(walletApi, new ControlApiHandler(this, json), json));
        server.setExecutor(executor);
    }

    /** Starts listening on 127.0.0.1 at {@code config.port()} (0 = any free port). */
    public static WalletSimulator start(SimulatorConfig config) {
        // the JDK server leaves Nagle on; every small answer would then wait ~40 ms for a delayed ACK.
        // Read once when the server class loads, so it is set before the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            WalletSimulator simulator = new WalletSimulator(config);
            simulator.server.start();
            LOG.info("Wallet simulator {} ({}) listening at {}", config.walletId(), config.pspName(), simulator.endpoint());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the wallet simulator on port " + config.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the customer and control endpoints live here. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** What the gateway registers as the wallet's endpoint; it calls {@code endpoint() + "/payments/pay"} etc. */
    public String endpoint() {
        return baseUrl() + WalletApiHandler.BASE_PATH;
    }

    public String walletId() {
        return config.walletId();
    }

    public String pspName() {
        return config.pspName();
    }

    /** The wallet's public key, base64 X.509, which every signed answer verifies with. */
    public String publicKey() {
        return publicKey;
    }

    public String keyVersion() {
        return config.keyVersion();
    }

    public List<String> codePrefixes() {
        return List.of(config.codePrefix());
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Lets a gateway call the wallet API; calls from any other Client-Id or key get F INVALID_SIGNATURE. */
    public void trustGateway(String gatewayClientId, PublicKey gatewayKey) {
        trust.trust(gatewayClientId, gatewayKey);
        LOG.info("Trusting gateway {}", gatewayClientId);
    }

    /** A new 18-digit payment code for the customer, valid 60 s on the simulator clock; creates the customer if new. */
    public String issuePaymentCode(String customerId) {
        return ledger.issuePaymentCode(customerId);
    }

    /** Creates the customer with default balances if new, then applies the non-null settings. */
    public SimulatedCustomer configureCustomer(String customerId, CustomerSettings settings) {
        return ledger.configure(customerId, settings);
    }

    public Optional<SimulatedCustomer> customer(String customerId) {
        return ledger.customer(customerId);
    }

    /**
     * The customer's balance in minor units (0 for a currency they do not hold).
     *
     * @throws IllegalArgumentException for an unknown customer
     */
    public long balance(String customerId, String currency) {
        return ledger.balance(customerId, currency);
    }

    /** How many times money was taken for the paymentRequestId; must never exceed 1. */
    public int chargeCount(String paymentRequestId) {
        return ledger.chargeCount(paymentRequestId);
    }

    public int totalCharges() {
        return ledger.totalCharges();
    }

    public Optional<SimulatedPayment> payment(String paymentRequestId) {
        return ledger.payment(paymentRequestId);
    }

    /** Applies to every wallet API call until set back to {@link Fault#NONE}. */
    public void setFault(Fault fault) {
        walletApi.setFault(fault == null ? Fault.NONE : fault);
    }

    public Fault fault() {
        return walletApi.fault();
    }

    /** Wallet API calls received for "pay", "inquiryPayment", "cancelPayment" or "refund", whatever their fate. */
    public int callCount(String operation) {
        return walletApi.callCount(operation);
    }

    /** Stops listening and drops held connections at once. */
    @Override
    public void close() {
        holder.releaseAll();
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Wallet simulator {} stopped", config.walletId());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "wallet-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
