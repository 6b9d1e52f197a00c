package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's side of the wallet's own calls, on a real loopback port: answers userInitiatedPay for the
 * codes a test offers, takes notifyPayment, verifies the wallet's signatures with core's classes and signs
 * its answers with the gateway key the simulator trusts. It records everything it received.
 */
final class FakeGateway implements AutoCloseable {

    static final String USER_INITIATED_PAY = "/aps/api/v1/payments/userInitiatedPay";
    static final String NOTIFY_PAYMENT = "/aps/api/v1/payments/notifyPayment";
    /** Another notify path, to check that the wallet posts where the gateway tells it to. */
    static final String OTHER_NOTIFY_PATH = "/hooks/wallet/notify";

    /** What a code is for; null fields are left out of the answer. */
    record Offer(Money amount, String merchantName, String storeName, String redirectUrl, String notifyUrl) {
        static Offer of(long minor, String currency) {
            return new Offer(Money.of(minor, currency), "Blue Bottle", "Shibuya", null, null);
        }

        Offer redirectingTo(String url) {
            return new Offer(amount, merchantName, storeName, url, notifyUrl);
        }

        Offer notifyingAt(String url) {
            return new Offer(amount, merchantName, storeName, redirectUrl, url);
        }

        Offer named(String merchant, String store) {
            return new Offer(amount, merchant, store, redirectUrl, notifyUrl);
        }
    }

    /** One request the wallet sent, as received. */
    record Received(String path, String clientId, String requestTime, String signature, String contentType,
                    byte[] body, boolean verified, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object(String field) {
            return (Map<String, Object>) json.get(field);
        }
    }

    private final HttpServer server;
    private final Json json = Json.standalone();
    private final MessageSigner signer = new MessageSigner(TestGateway.CLIENT_ID, "1", TestKeys.GATEWAY.getPrivate());
    private final PublicKey walletKey;
    private final Clock clock;
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, String[]> taken = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    final List<Received> userInitiatedPays = new CopyOnWriteArrayList<>();
    final List<Received> notifications = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> notificationArrivals = new LinkedBlockingQueue<>();
    /** Sign answers over other bytes than sent, so they do not verify. */
    volatile boolean badlySignAnswers;

    FakeGateway(WalletSimulator wallet, Clock clock) {
        this.walletKey = RsaKeys.publicKey(wallet.publicKey());
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void offer(String codeValue, Offer offer) {
        offers.put(codeValue, offer);
    }

    /** userInitiatedPay for this code answers F with the code. */
    void refuse(String codeValue, String resultCode) {
        refusals.put(codeValue, resultCode);
    }

    /** The paymentRequestId the gateway gave the code, once a customer took it. */
    String paymentRequestIdOf(String codeValue) {
        String[] holder = taken.get(codeValue);
        return holder == null ? null : holder[1];
    }

    /** Waits (real time) for the next notification to arrive: for the one test of the background thread. */
    Optional<Received> awaitNotification(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(notificationArrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received received = received(exchange, path, body);
            Map<String, Object> answer;
            if (USER_INITIATED_PAY.equals(path)) {
                userInitiatedPays.add(received);
                answer = userInitiatedPay(received);
            } else if (NOTIFY_PAYMENT.equals(path) || OTHER_NOTIFY_PATH.equals(path)) {
                notifications.add(received);
                notificationArrivals.add(received);
                answer = received.verified() ? result(Result.success())
                        : result(new Result("INVALID_SIGNATURE", ResultStatus.F, "signature does not verify"));
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer(exchange, path, received.clientId(), answer);
        }
    }

    private Received received(HttpExchange exchange, String path, byte[] body) {
        String clientId = exchange.getRequestHeaders().getFirst("Client-Id");
        String requestTime = exchange.getRequestHeaders().getFirst("Request-Time");
        String signature = exchange.getRequestHeaders().getFirst("Signature");
        boolean verified = clientId != null && requestTime != null && SignatureHeader.parse(signature)
                .map(header -> RsaSigner.verify(walletKey, SignedContent.of("POST", path, clientId, requestTime, body),
                        header.signatureBase64()))
                .orElse(false);
        Map<String, Object> parsed;
        try {
            parsed = json.parseObject(body);
        } catch (Json.MalformedJsonException e) {
            parsed = Map.of();
        }
        return new Received(path, clientId, requestTime, signature, exchange.getRequestHeaders().getFirst("Content-Type"),
                body, verified, parsed);
    }

    private Map<String, Object> userInitiatedPay(Received request) {
        if (!request.verified()) {
            return result(new Result("INVALID_SIGNATURE", ResultStatus.F, "signature does not verify"));
        }
        if (!(request.json().get("codeValue") instanceof String code) || !(request.json().get("customerId") instanceof String customer)) {
            return result(new Result("PARAM_ILLEGAL", ResultStatus.F, "codeValue and customerId are required"));
        }
        if (refusals.containsKey(code)) {
            return result(new Result(refusals.get(code), ResultStatus.F, "refused by the fake gateway"));
        }
        Offer offer = offers.get(code);
        if (offer == null) {
            return result(new Result("INVALID_CODE", ResultStatus.F, "no such code"));
        }
        String[] holder = taken.computeIfAbsent(code, c -> new String[] {customer, "GW-" + sequence.incrementAndGet()});
        if (!holder[0].equals(customer)) {
            return result(new Result("REPEAT_REQ_INCONSISTENT", ResultStatus.F, "another customer took the code"));
        }
        Map<String, Object> amount = AmsWire.amount(offer.amount());
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("acquirerId", TestGateway.CLIENT_ID)
                .put("pspId", request.clientId())
                .put("codeType", "ORDER_CODE")
                .put("paymentRequestId", holder[1])
                .put("paymentAmount", amount)
                .put("payToAmount", amount)
                .put("order", JsonObject.create()
                        .put("referenceOrderId", "ORDER-" + holder[1])
                        .put("orderDescription", "Two lattes")
                        .put("orderAmount", amount)
                        .put("merchant", JsonObject.create()
                                .put("referenceMerchantId", "M-1")
                                .put("merchantName", offer.merchantName())
                                .put("merchantDisplayName", offer.merchantName())
                                .put("store", JsonObject.create()
                                        .put("referenceStoreId", "S-1")
                                        .put("storeName", offer.storeName()))))
                .put("paymentExpiryTime", "2026-11-23T10:05:00+08:00")
                .put("paymentNotifyUrl", offer.notifyUrl() != null ? offer.notifyUrl() : baseUrl() + NOTIFY_PAYMENT)
                .put("paymentRedirectUrl", offer.redirectUrl())
                .put("paymentFactor", JsonObject.create()
                        .put("isInStorePayment", "true")
                        .put("inStorePaymentScenario", "OrderCode"))
                .build();
    }

    private static Map<String, Object> result(Result result) {
        return JsonObject.create().put("result", result.toWire()).build();
    }

    private void answer(HttpExchange exchange, String path, String callerClientId, Map<String, Object> body) throws IOException {
        byte[] bytes = json.write(body);
        String clientId = callerClientId == null ? "" : callerClientId;
        String responseTime = AmsWire.time(clock.instant());
        byte[] signed = badlySignAnswers ? "other bytes".getBytes(StandardCharsets.UTF_8) : bytes;
        exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
        exchange.getResponseHeaders().set("client-id", clientId);
        exchange.getResponseHeaders().set("response-time", responseTime);
        exchange.getResponseHeaders().set("signature", signer.sign("POST", path, clientId, responseTime, signed));
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
