package dev.scanpay.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile endpoint on loopback, for the gateway's outbound calls: it drips (HTTP 200 with a large
 * Content-Length, then one byte a second), or answers far more than the gateway reads. Bounded: a drip
 * stops after {@link #DRIP_FOR}, and closing the endpoint ends every answer in progress.
 */
public final class SlowEndpoint implements AutoCloseable {

    public enum Mode {
        /** 200, Content-Length 10,000 (under the cap, so only a deadline ends it), one byte a second. */
        DRIP,
        /** 200, Content-Length 1,000,000, then one byte a second: the endpoint. */
        DRIP_HUGE_LENGTH,
        /** 200, chunked, 1 MB as fast as it goes: no length to refuse up front. */
        HUGE_CHUNKED
    }

    /** The longest a drip goes on, so a test that fails (no deadline) still ends. */
    public static final Duration DRIP_FOR = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "slow-endpoint");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    public SlowEndpoint(Mode mode) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try (OutputStream out = exchange.getResponseBody()) {
                switch (mode) {
                    case DRIP -> drip(exchange, out, 10_000);
                    case DRIP_HUGE_LENGTH -> drip(exchange, out, 1_000_000);
                    case HUGE_CHUNKED -> {
                        exchange.sendResponseHeaders(200, 0);
                        byte[] block = new byte[16 * 1024];
                        Arrays.fill(block, (byte) ' ');
                        for (int i = 0; i < 64 && !closed; i++) {
                            out.write(block);
                        }
                    }
                }
            } catch (IOException e) {
                // the gateway hung up: what it should do
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private void drip(com.sun.net.httpserver.HttpExchange exchange, OutputStream out, long length) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, length);
        long end = System.nanoTime() + DRIP_FOR.toNanos();
        while (!closed && System.nanoTime() < end) {
            out.write('{');
            out.flush();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** As a notify URL. */
    public String url() {
        return baseUrl() + "/notify";
    }

    /** As a wallet's endpoint (every path answers the same). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached it. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
