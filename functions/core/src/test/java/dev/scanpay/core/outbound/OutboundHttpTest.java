package dev.scanpay.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbound client against real servers on loopback: the deadline covers the answer's body, the answer
 * is capped, redirects are not followed, and a host is connected to at exactly the addresses that were
 * checked (a resolver that changes its answer, as DNS rebinding does, gets one question).
 */
@Tag("integration")
class OutboundHttpTest {

    private static final int CAP = 64 * 1024;
    private static final DestinationRules LOCAL = new DestinationRules(true, false);

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    @AfterEach
    void stop() {
        closing = true;
        servers.forEach(s -> s.stop(0));
    }

    private interface Answer {
        void answer(HttpExchange exchange, OutputStream out) throws IOException, InterruptedException;
    }

    /** A loopback server answering every request as told; returns its base URL and counts requests. */
    private String serve(AtomicInteger requests, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "outbound-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try (OutputStream out = exchange.getResponseBody()) {
                answer.answer(exchange, out);
            } catch (IOException | InterruptedException e) {
                // the client hung up
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static OutboundHttp.Exchange post(OutboundHttp http, String url, Duration deadline) {
        return http.post(url, path -> Map.of("Client-Id", "TEST"), "{}".getBytes(StandardCharsets.UTF_8), deadline);
    }

    @Test
    void theDeadlineCoversTheBodyOfADrippingAnswer() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(requests, (exchange, out) -> {
            exchange.sendResponseHeaders(200, 10_000);
            for (int i = 0; i < 30 && !closing; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(1000);
            }
        });
        long start = System.nanoTime();
        OutboundHttp.Exchange result = post(new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2)), url + "/notify", Duration.ofSeconds(1));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(result).isEqualTo(new OutboundHttp.Failed(OutboundFailure.TIMEOUT));
        assertThat(ms).isBetween(900L, 2_500L);
    }

    @Test
    void anAnswerOverTheCapIsNotRead() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String chunked = serve(requests, (exchange, out) -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] block = new byte[16 * 1024];
            for (int i = 0; i < 64 && !closing; i++) {
                out.write(block);
            }
        });
        String declared = serve(requests, (exchange, out) -> {
            exchange.sendResponseHeaders(200, 1_000_000);
            out.write('{');
            out.flush();
            Thread.sleep(30_000);
        });
        String exactlyTheCap = serve(requests, (exchange, out) -> {
            exchange.sendResponseHeaders(200, CAP);
            out.write(new byte[CAP]);
        });
        OutboundHttp http = new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2));

        assertThat(post(http, chunked + "/", Duration.ofSeconds(5))).isEqualTo(new OutboundHttp.Failed(OutboundFailure.ANSWER_TOO_LARGE));
        long start = System.nanoTime();
        assertThat(post(http, declared + "/", Duration.ofSeconds(5))).isEqualTo(new OutboundHttp.Failed(OutboundFailure.ANSWER_TOO_LARGE));
        assertThat((System.nanoTime() - start) / 1_000_000).as("a declared length over the cap is refused at once").isLessThan(1_000);
        assertThat(post(http, exactlyTheCap + "/", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OutboundHttp.Answered.class, a -> assertThat(a.body()).hasSize(CAP));
    }

    @Test
    void aClosedPortIsConnectionFailedAndARedirectIsNotFollowed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AtomicInteger targetRequests = new AtomicInteger();
        String target = serve(targetRequests, (exchange, out) -> exchange.sendResponseHeaders(200, -1));
        String redirecting = serve(new AtomicInteger(), (exchange, out) -> {
            exchange.getResponseHeaders().add("Location", target + "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
        });
        OutboundHttp http = new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2));

        assertThat(post(http, "http://127.0.0.1:" + closed + "/notify", Duration.ofSeconds(2)))
                .isEqualTo(new OutboundHttp.Failed(OutboundFailure.CONNECTION_FAILED));
        assertThat(post(http, redirecting + "/notify", Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(OutboundHttp.Answered.class, a -> assertThat(a.statusCode()).isEqualTo(302));
        assertThat(targetRequests).hasValue(0);
        assertThat(OutboundFailure.ofStatus(302)).isEqualTo(OutboundFailure.HTTP_3XX);
    }

    @Test
    void theHostIsResolvedOnceAndConnectedToAtTheAddressThatWasChecked() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<String> host = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        String url = serve(requests, (exchange, out) -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, 2);
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        });
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        // first answer: the checked (here allowed) loopback address; any later one: the metadata address
        AtomicInteger lookups = new AtomicInteger();
        OutboundHttp http = new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2), name -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254")));

        OutboundHttp.Exchange result = http.post("http://merchant.test:" + port + "/scanpay/notify%20x?a=1", p -> {
            path.set(p);
            return Map.of();
        }, new byte[0], Duration.ofSeconds(2));

        assertThat(result).isInstanceOfSatisfying(OutboundHttp.Answered.class, a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(lookups).hasValue(1);
        assertThat(requests).hasValue(1);
        assertThat(host.get()).isEqualTo("merchant.test:" + port);
        assertThat(path.get()).as("what a signature covers is the path as sent").isEqualTo("/scanpay/notify%20x");
    }

    @Test
    void aHostWithAnyRefusedAddressIsNotCalled() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(requests, (exchange, out) -> exchange.sendResponseHeaders(200, -1));
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        OutboundHttp mixed = new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2),
                name -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.0.0.5")));
        OutboundHttp deployedLoopback = new OutboundHttp(new DestinationRules(false, false), CAP, Duration.ofSeconds(2),
                name -> List.of(InetAddress.getByName("127.0.0.1")));

        assertThat(post(mixed, "http://merchant.test:" + port + "/", Duration.ofSeconds(2)))
                .isEqualTo(new OutboundHttp.Failed(OutboundFailure.REFUSED_DESTINATION));
        assertThat(post(deployedLoopback, "http://rebound.test:" + port + "/", Duration.ofSeconds(2)))
                .isEqualTo(new OutboundHttp.Failed(OutboundFailure.REFUSED_DESTINATION));
        assertThat(post(deployedLoopback, url + "/", Duration.ofSeconds(2)))
                .isEqualTo(new OutboundHttp.Failed(OutboundFailure.REFUSED_DESTINATION));
        assertThat(post(new OutboundHttp(LOCAL, CAP, Duration.ofSeconds(2)), "http://0xa9fea9fe/", Duration.ofSeconds(2)))
                .isEqualTo(new OutboundHttp.Failed(OutboundFailure.REFUSED_DESTINATION));
        assertThat(post(new OutboundHttp(DestinationRules.deployed(), CAP, Duration.ofSeconds(2)), url + "/", Duration.ofSeconds(2)))
                .as("https required").isEqualTo(new OutboundHttp.Failed(OutboundFailure.REFUSED_DESTINATION));
        assertThat(requests).hasValue(0);
    }
}
