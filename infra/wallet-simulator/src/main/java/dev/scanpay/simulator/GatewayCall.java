package dev.scanpay.simulator;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.signing.MessageSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The wallet's own signed calls to the gateway (userInitiatedPay, notifyPayment) and the check of their
 * answers. A request is signed over {@code POST <path>\n<walletId>.<Request-Time>.<body bytes sent>}; an
 * answer counts only when it is HTTP 200 and signed by a trusted gateway over
 * {@code POST <path>\n<client-id>.<response-time>.<body bytes received>}.
 */
final class GatewayCall {

    static final String USER_INITIATED_PAY = "/aps/api/v1/payments/userInitiatedPay";
    static final String NOTIFY_PAYMENT = "/aps/api/v1/payments/notifyPayment";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** How a request leaves: the BAD_SIGNATURE and UNSIGNED behaviours spoil the wallet's own notifications. */
    enum Signing { SIGNED, BAD_SIGNATURE, UNSIGNED }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final MessageSigner signer;
    private final GatewayTrust trust;
    private final Json json;
    private final Clock clock;
    /** Set late: tests learn the gateway's port after the simulator has started. */
    private volatile String baseUrl;

    GatewayCall(MessageSigner signer, GatewayTrust trust, Json json, Clock clock) {
        this.signer = signer;
        this.trust = trust;
        this.json = json;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException unless it is an absolute http(s) URL without query or fragment */
    void connect(String gatewayBaseUrl) {
        URI uri = httpUri(gatewayBaseUrl)
                .filter(u -> u.getRawQuery() == null && u.getRawFragment() == null)
                .orElseThrow(() -> new IllegalArgumentException("the gateway URL must be an absolute http(s) URL such as "
                        + "http://127.0.0.1:8080, not " + Behaviour.quote(gatewayBaseUrl)));
        baseUrl = uri.toString().replaceAll("/+$", "");
    }

    Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * Where a URL the gateway handed out points: an absolute http(s) URL as it is, a path on the connected
     * gateway, or, when there is none, {@code defaultPath} on the gateway. Empty when it leads nowhere usable.
     */
    Optional<URI> resolve(String urlOrPath, String defaultPath) {
        String given = urlOrPath == null || urlOrPath.isBlank() ? defaultPath : urlOrPath.trim();
        if (given == null) {
            return Optional.empty();
        }
        if (given.startsWith("/") && !given.startsWith("//")) {
            String base = baseUrl;
            return base == null ? Optional.empty() : httpUri(base + given);
        }
        return httpUri(given);
    }

    /** The gateway's userInitiatedPay URL; empty until a gateway is connected. */
    Optional<URI> userInitiatedPayUri() {
        return baseUrl == null ? Optional.empty() : resolve(USER_INITIATED_PAY, null);
    }

    GatewayReply post(URI target, Map<String, Object> body, Signing signing) {
        String path = target.getRawPath();
        byte[] bytes = json.write(body);
        String requestTime = AmsWire.time(clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", Exchanges.JSON_TYPE)
                .header("Client-Id", signer.clientId())
                .header("Request-Time", requestTime)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signing != Signing.UNSIGNED) {
            byte[] signed = signing == Signing.BAD_SIGNATURE ? WalletAnswerWriter.tampered(bytes) : bytes;
            request.header("Signature", signer.sign("POST", path, requestTime, signed));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new GatewayReply.NoAnswer("no answer from the gateway within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new GatewayReply.NoAnswer("cannot reach the gateway at " + target.getHost() + ":" + target.getPort()
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayReply.NoAnswer("interrupted");
        }
        if (response.statusCode() != 200) {
            return new GatewayReply.NoAnswer("the gateway answered HTTP " + response.statusCode());
        }
        Optional<String> problem = trust.answerProblem(path,
                response.headers().firstValue("client-id").orElse(null),
                response.headers().firstValue("response-time").orElse(null),
                response.headers().firstValue("signature").orElse(null), response.body());
        if (problem.isPresent()) {
            return new GatewayReply.NoAnswer(problem.get());
        }
        try {
            Map<String, Object> answer = json.parseObject(response.body());
            return new GatewayReply.Verified(result(answer), answer);
        } catch (RuntimeException e) {
            return new GatewayReply.NoAnswer("the gateway's answer has no well-formed result");
        }
    }

    private static Result result(Map<String, Object> body) {
        if (!(body.get("result") instanceof Map<?, ?> result) || !(result.get("resultCode") instanceof String code)
                || !(result.get("resultStatus") instanceof String status)) {
            throw new IllegalArgumentException("no result");
        }
        Object message = result.get("resultMessage");
        return new Result(code, ResultStatus.valueOf(status), message == null ? null : String.valueOf(message));
    }

    private static Optional<URI> httpUri(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
