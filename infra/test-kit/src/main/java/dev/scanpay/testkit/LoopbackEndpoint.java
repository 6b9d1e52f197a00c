package dev.scanpay.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on a free loopback port, for the tests' notify URLs (a merchant's, a legacy partner's). */
final class LoopbackEndpoint {

    private LoopbackEndpoint() {
    }

    /** Started, serving {@code path} with {@code handler}. */
    static HttpServer serve(String path, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(path, handler);
        server.start();
        return server;
    }

    /** Answers {@code status} with {@code reply} (none when empty) and ends the exchange. */
    static void reply(HttpExchange exchange, int status, byte[] reply) throws IOException {
        exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
