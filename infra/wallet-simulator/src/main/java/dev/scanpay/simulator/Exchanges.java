package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.scanpay.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Reading and answering {@link HttpExchange}s with JSON (and, for the cashier page, HTML). */
final class Exchanges {

    static final String JSON_TYPE = "application/json; charset=UTF-8";
    static final String HTML_TYPE = "text/html; charset=UTF-8";
    private static final int MAX_BODY = 1 << 20;

    private Exchanges() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new HttpProblem(413, "body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        send(exchange, status, JSON_TYPE, body);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendJson(HttpExchange exchange, Json json, int status, Object body) throws IOException {
        send(exchange, status, json.write(body));
    }

    static void sendError(HttpExchange exchange, Json json, int status, String message) throws IOException {
        sendJson(exchange, json, status, Map.of("error", message == null ? "error" : message));
    }

    /** True once a status line went out, after which nothing else can be answered on this exchange. */
    static boolean answered(HttpExchange exchange) {
        return exchange.getResponseCode() != -1;
    }
}
