package dev.scanpay.core.notify;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Posts one notification to the merchant, signed as Antom signs its notifications (client-id is the
 * merchant's, the signature the gateway's, over {@code POST <path>\n<client-id>.<request-time>.<body>}),
 * and says whether the merchant acknowledged it: HTTP 200 with {@code result.resultStatus} S.
 */
public final class NotificationSender {

    /** What one attempt got: acknowledged, or the problem to record. */
    public record Attempt(boolean acknowledged, String problem) {
    }

    private final HttpClient http;
    private final MessageSigner signer;
    private final Json json;
    private final Clock clock;
    private final Duration timeout;

    public NotificationSender(HttpClient http, MessageSigner signer, Json json, Clock clock, Duration timeout) {
        this.http = http;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Attempt send(MerchantNotification notification) {
        byte[] body = notification.body().getBytes(StandardCharsets.UTF_8);
        URI url;
        try {
            url = URI.create(notification.url());
        } catch (IllegalArgumentException e) {
            return new Attempt(false, "notify URL is not a URL");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String time = RequestTime.format(clock.instant());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Client-Id", notification.clientId())
                .header("Request-Time", time)
                .header("Signature", signer.sign("POST", path, notification.clientId(), time, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Attempt(false, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        }
        if (response.statusCode() != 200) {
            return new Attempt(false, "HTTP " + response.statusCode());
        }
        try {
            Object result = json.parseObject(response.body()).get("result");
            Object status = result instanceof Map<?, ?> map ? map.get("resultStatus") : null;
            return "S".equals(status) ? new Attempt(true, null) : new Attempt(false, "answered result " + status);
        } catch (RuntimeException e) {
            return new Attempt(false, "answer is not the AMS acknowledgement JSON");
        }
    }
}
