package dev.scanpay.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's notify URL on loopback: records every notification the gateway sends (checking its
 * signature), and answers as told: acknowledge, be down (HTTP 503), answer garbage, or answer result F.
 */
public final class MerchantReceiver implements AutoCloseable {

    public enum Mode { ACKNOWLEDGE, DOWN, GARBAGE, NOT_S }

    /** One notification as received, with whether the gateway's signature verified. */
    public record Received(Instant at, String notifyId, String resultStatus, String paymentId, boolean signatureValid,
                           Mode answeredAs, Map<String, Object> body) {
    }

    private static final Json JSON = Json.standalone();
    private static final String PATH = "/scanpay/notify";

    private final HttpServer server;
    private final Clock clock;
    private final PublicKey gatewayKey;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACKNOWLEDGE;

    public MerchantReceiver(Clock clock, PublicKey gatewayKey) {
        this.clock = clock;
        this.gatewayKey = gatewayKey;
        server = LoopbackEndpoint.serve(PATH, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String time = headers.getFirst("Request-Time");
            boolean valid = SignatureHeader.parse(headers.getFirst("Signature"))
                    .map(s -> RsaSigner.verify(gatewayKey, SignedContent.of("POST", PATH, headers.getFirst("Client-Id"), time, body),
                            s.signatureBase64()))
                    .orElse(false);
            Map<String, Object> json = JSON.parseObject(body);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) json.get("result");
            Mode answer = mode;
            received.add(new Received(clock.instant(), (String) json.get("notifyId"), (String) result.get("resultStatus"),
                    (String) json.get("paymentId"), valid, answer, json));
            byte[] reply = switch (answer) {
                case ACKNOWLEDGE -> "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                case GARBAGE -> "<html>oops</html>".getBytes(StandardCharsets.UTF_8);
                case NOT_S -> "{\"result\":{\"resultCode\":\"PROCESS_FAIL\",\"resultStatus\":\"F\"}}".getBytes(StandardCharsets.UTF_8);
                case DOWN -> new byte[0];
            };
            LoopbackEndpoint.reply(exchange, answer == Mode.DOWN ? 503 : 200, reply);
        });
    }

    public String url() {
        return LoopbackEndpoint.base(server) + PATH;
    }

    public void answer(Mode mode) {
        this.mode = mode;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
