package dev.scanpay.walletapi;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.testkit.MerchantReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stands in front of a {@link MerchantReceiver} on the same path: as each notification arrives it reads the
 * payment as stored at that moment, then passes the request on unchanged (the receiver still checks the
 * gateway's signature and records it) and relays the receiver's answer. So a test knows not only what the
 * merchant was told but whether the payment still had that result when it was told.
 */
final class ReceiptWitness implements AutoCloseable {

    /** One notification as it arrived (on {@link RaceRecorder}'s time axis) and the payment as stored then. */
    record Witnessed(long at, String paymentId, String notifyId, String resultStatus, Payment storedThen) {
    }

    private static final String PATH = "/scanpay/notify";
    private static final Json JSON = Json.standalone();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Witnessed> witnessed = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();

    ReceiptWitness(MerchantReceiver receiver, Function<String, Payment> storedPayment) {
        URI target = URI.create(receiver.url());
        if (!PATH.equals(target.getPath())) {
            throw new IllegalStateException("the receiver is not at " + PATH + ": " + target);
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            try {
                long at = RaceRecorder.now();
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, Object> json = JSON.parseObject(body);
                String paymentId = (String) json.get("paymentId");
                Map<?, ?> result = (Map<?, ?>) json.get("result");
                witnessed.add(new Witnessed(at, paymentId, (String) json.get("notifyId"), (String) result.get("resultStatus"),
                        storedPayment.apply(paymentId)));
                latch(paymentId).countDown();
                HttpRequest.Builder forward = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "Client-Id", "Request-Time", "Signature")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        forward.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] reply = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), reply.length == 0 ? -1 : reply.length);
                if (reply.length > 0) {
                    exchange.getResponseBody().write(reply);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The notify URL to give the gateway. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Waits until a notification about the payment has arrived; false if none did in time. */
    boolean awaitNotification(String paymentId, Duration timeout) throws InterruptedException {
        return latch(paymentId).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CountDownLatch latch(String paymentId) {
        return arrived.computeIfAbsent(paymentId, k -> new CountDownLatch(1));
    }

    List<Witnessed> witnessed() {
        return List.copyOf(witnessed);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
