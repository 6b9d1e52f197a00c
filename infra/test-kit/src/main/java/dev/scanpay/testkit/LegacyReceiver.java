package dev.scanpay.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.api.legacy.LegacyPartnerKeys;
import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.api.legacy.LegacySignature;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A legacy partner's notify_url on loopback: records every notification posted to it (the form decoded as a
 * partner's servlet would, its signature checked as the partner checks it: MD5 with the partner's key, RSA and RSA2
 * with the gateway's public key) and answers as told: {@code success}, another text, or HTTP 503.
 */
public final class LegacyReceiver implements AutoCloseable {

    public enum Mode { SUCCESS, FAIL_TEXT, DOWN }

    /** One notification as received. */
    public record Received(Instant at, String contentType, Map<String, String> params, boolean signatureValid,
                           Mode answeredAs) {
        public String get(String name) {
            return params.get(name);
        }
    }

    private static final String PATH = "/pos/alipay-notify";

    private final HttpServer server;
    private final Clock clock;
    private final LegacyPartnerKeys keys;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.SUCCESS;
    private volatile Consumer<Map<String, String>> onReceipt = params -> { };

    /** @param md5Key the partner's MD5 key; {@code gatewayKey} verifies RSA and RSA2 notifications */
    public LegacyReceiver(Clock clock, String md5Key, PublicKey gatewayKey) {
        this.clock = clock;
        this.keys = new LegacyPartnerKeys(md5Key, gatewayKey);
        server = LoopbackEndpoint.serve(PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            Mode answer = mode;
            received.add(new Received(clock.instant(), exchange.getRequestHeaders().getFirst("Content-Type"), params,
                    verifies(params), answer));
            onReceipt.accept(params);
            byte[] reply = switch (answer) {
                case SUCCESS -> "success\n".getBytes(StandardCharsets.UTF_8);
                case FAIL_TEXT -> "fail".getBytes(StandardCharsets.UTF_8);
                case DOWN -> new byte[0];
            };
            LoopbackEndpoint.reply(exchange, answer == Mode.DOWN ? 503 : 200, reply);
        });
    }

    private boolean verifies(Map<String, String> params) {
        try {
            LegacySignType type = LegacySignType.parse(params.get("sign_type"));
            return keys.has(type) && LegacySignature.verifies(type, LegacySignature.content(params),
                    StandardCharsets.UTF_8, keys, params.get("sign"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The prefix to register for the partner: its notify URLs are under it. */
    public String prefix() {
        return LoopbackEndpoint.base(server) + "/pos/";
    }

    public String url() {
        return LoopbackEndpoint.base(server) + PATH;
    }

    public void answer(Mode mode) {
        this.mode = mode;
    }

    /** Runs while the notification is being received, before the answer (a partner calling notify_verify). */
    public void onReceipt(Consumer<Map<String, String>> action) {
        this.onReceipt = action;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
