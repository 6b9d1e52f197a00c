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
import java.util.Map;
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
 * in process, no answer, 5xx, badly signed or unsigned answers) can be reproduced on a laptop. It also
 * plays the customer who scans an order or entry code: it calls the gateway's userInitiatedPay, pays, and
 * sends notifyPayment, well or badly as the behaviour says. Tests run it in-process on loopback; the
 * local stack runs it on port 8090.
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
    private final GatewayCall gatewayCall;
    private final PaymentNotifier notifier;
    private final OrderScanner scanner;
    private final ExecutorService executor;
    private final HttpServer server;

    private WalletSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        KeyPair keys = config.keyPair() != null ? config.keyPair() : RsaKeys.generate();
        this.publicKey = RsaKeys.encode(keys.getPublic());
        Json json = Json.standalone();
        NotificationQueue notifications = new NotificationQueue();
        this.ledger = new WalletLedger(config.clock(), config.codePrefix(), notifications);
        this.holder = new ConnectionHolder(config.hangDuration());
        MessageSigner signer = new MessageSigner(config.walletId(), config.keyVersion(), keys.getPrivate());
        this.walletApi = new WalletApiHandler(ledger, trust, new WalletAnswerWriter(signer, json, config.clock(), holder),
                holder, json);
        this.gatewayCall = new GatewayCall(signer, trust, json, config.clock());
        this.notifier = new PaymentNotifier(ledger, notifications, gatewayCall, config.clock());
        this.scanner = new OrderScanner(gatewayCall, ledger, notifier);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), BACKLOG);
        server.createContext("/", new SimulatorRouter(walletApi, new ControlApiHandler(this, json),
                new CashierHandler(scanner, config), json));
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
            simulator.notifier.startPolling(config.notifyPollInterval());
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

    /**
     * The next call of {@code operation} ("pay", "inquiryPayment", "cancelPayment", "refund") is processed as
     * usual (money moves as the ledger decides), but answered, signed (even where the ledger would not have
     * answered at all), with what {@code rewrite} makes
     * of the answer's body: a wallet that answers for the wrong payment, with an absurd time, or refuses a
     * repeat of something it already did. Several queued rewrites apply to successive calls.
     */
    public void rewriteNextAnswer(String operation, java.util.function.UnaryOperator<Map<String, Object>> rewrite) {
        walletApi.rewriteNextAnswer(operation, rewrite);
    }

    /**
     * The wallet's settlement file for [{@code from}, {@code until}): what it charged, gave back by cancels and
     * refunded, from its own books, as the tweaks below have changed it. The gateway reads the same through the
     * signed {@code POST /mpp/v1/settlements/inquiry}.
     */
    public java.util.List<SettlementRecord> settlementRecords(java.time.Instant from, java.time.Instant until) {
        return ledger.settlementRecords(from, until);
    }

    /** Leaves the record of {@code transactionType} (PAYMENT, CANCEL, REFUND) for the gateway's id out of the file. */
    public void dropSettlementRecord(String transactionType, String gatewayId) {
        ledger.dropSettlementRecord(transactionType, gatewayId);
    }

    /** Gives that record another amount (minor units) and/or currency in the file; null keeps it. */
    public void alterSettlementRecord(String transactionType, String gatewayId, Long minor, String currency) {
        ledger.alterSettlementRecord(transactionType, gatewayId, minor, currency);
    }

    /** Adds a record to the file: a duplicate of one there, or one the gateway never heard of. */
    public void addSettlementRecord(SettlementRecord record) {
        ledger.addSettlementRecord(record);
    }

    /** The file as the books say again. */
    public void clearSettlementTweaks() {
        ledger.clearSettlementTweaks();
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

    /**
     * Where the wallet's own calls go: userInitiatedPay and, unless the gateway named another URL,
     * notifyPayment. May be called at any time, e.g. once a test knows the gateway's port. Answers are
     * verified with the keys given to {@link #trustGateway}.
     *
     * @param gatewayBaseUrl e.g. {@code http://127.0.0.1:8080}
     * @throws IllegalArgumentException unless it is an absolute http(s) URL
     */
    public void connectGateway(String gatewayBaseUrl) {
        gatewayCall.connect(gatewayBaseUrl);
        LOG.info("Wallet calls go to the gateway at {}", gatewayCall.baseUrl().orElseThrow());
    }

    /** The connected gateway's base URL, if any. */
    public Optional<String> gatewayUrl() {
        return gatewayCall.baseUrl();
    }

    /**
     * The customer scans an order or entry code: the wallet calls the gateway's userInitiatedPay and, if the
     * gateway accepts, pays by the customer's behaviour (or the amount's trigger) and sends notifyPayment.
     * A notification due now has been sent when this returns. A new customer is created, with default
     * balances, once the gateway accepts the code. Scanning the same code again is the same payment: it
     * never charges or notifies twice.
     *
     * @throws IllegalStateException when no gateway is connected
     */
    public ScanResult scan(String customerId, String codeValue) {
        if (customerId == null || customerId.isBlank() || customerId.length() > 64) {
            throw new IllegalArgumentException("customerId must be 1 to 64 characters");
        }
        if (codeValue == null || codeValue.isBlank()) {
            throw new IllegalArgumentException("codeValue is required");
        }
        return scanner.scan(customerId, codeValue);
    }

    /**
     * Sends every notifyPayment due by the simulator clock now, and returns how many requests went out
     * (a DUPLICATE_NOTIFY notification counts twice). The background poll does the same every 100 ms;
     * this lets a test that has moved its clock see the result at once.
     */
    public int deliverDueNotifications() {
        return notifier.deliverDue();
    }

    /** Every notifyPayment sent so far, oldest first, with the gateway's acknowledgement. */
    public List<SentNotification> notificationsSent() {
        return notifier.sent();
    }

    /** Where a browser pays an entry code with this wallet: {@code baseUrl() + "/cashier"}. */
    public String cashierUrl() {
        return baseUrl() + CashierHandler.PATH;
    }

    /** What a browser's User-Agent contains when it is this wallet's app. */
    public String userAgentMarker() {
        return config.userAgentMarker();
    }

    /** Stops the notification thread, stops listening and drops held connections at once. */
    @Override
    public void close() {
        notifier.close();
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
