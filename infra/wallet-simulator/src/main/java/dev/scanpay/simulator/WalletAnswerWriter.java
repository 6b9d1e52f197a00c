package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.signing.MessageSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Sends a wallet answer the way a {@link Delivery} says. A signed answer covers
 * {@code POST <request uri>\n<the caller's Client-Id>.<Response-Time>.<body bytes sent>}, the content the
 * gateway verifies; the body is serialized once so the bytes signed are the bytes sent.
 */
final class WalletAnswerWriter {

    private static final byte[] TAMPERED = "tampered:".getBytes(StandardCharsets.UTF_8);

    private final MessageSigner signer;
    private final Json json;
    private final Clock clock;
    private final ConnectionHolder holder;

    WalletAnswerWriter(MessageSigner signer, Json json, Clock clock, ConnectionHolder holder) {
        this.signer = signer;
        this.json = json;
        this.clock = clock;
        this.holder = holder;
    }

    void deliver(HttpExchange exchange, String uri, String callerClientId, Map<String, Object> body, Delivery delivery)
            throws IOException {
        switch (delivery) {
            case NO_ANSWER:
                holder.hold(exchange);
                return;
            case HTTP_500:
                Exchanges.sendError(exchange, json, 500, "simulated server error");
                return;
            default:
                break;
        }
        byte[] bytes = json.write(body);
        String clientId = callerClientId == null ? "" : callerClientId;
        if (delivery != Delivery.UNSIGNED) {
            // ISO 8601 with offset, as Alipay+ examples show; it is signed verbatim so any form verifies
            String responseTime = AmsWire.time(clock.instant());
            byte[] signed = delivery == Delivery.BAD_SIGNATURE ? tampered(bytes) : bytes;
            exchange.getResponseHeaders().set("Client-Id", clientId);
            exchange.getResponseHeaders().set("Response-Time", responseTime);
            exchange.getResponseHeaders().set("Signature", signer.sign("POST", uri, clientId, responseTime, signed));
        }
        Exchanges.send(exchange, 200, bytes);
    }

    /** A real RSA signature in the right format, but over other bytes than were sent: it parses, and fails. */
    static byte[] tampered(byte[] body) {
        byte[] other = new byte[TAMPERED.length + body.length];
        System.arraycopy(TAMPERED, 0, other, 0, TAMPERED.length);
        System.arraycopy(body, 0, other, TAMPERED.length, body.length);
        return other;
    }
}
