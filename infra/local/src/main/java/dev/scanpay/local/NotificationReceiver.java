package dev.scanpay.local;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

/**
 * A merchant's notify URL for trying notifications locally: prints each notifyPayment the gateway sends,
 * says whether its signature verifies with the gateway's key, and acknowledges it (or, with
 * --answer down, answers 503, to watch the retries).
 */
final class NotificationReceiver {

    static final String PATH = "/notify";

    private NotificationReceiver() {
    }

    static void run(Args args) throws Exception {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        Map<String, Object> demo = files.read(files.path("demo-merchant.json"));
        PublicKey gatewayKey = RsaKeys.publicKey((String) demo.get("gatewayPublicKey"));
        boolean down = "down".equals(args.get("answer", "ok"));
        HttpServer server = start(args.integer("port", 8070), gatewayKey, down, System.out);
        System.out.println("Receiving notifications at http://127.0.0.1:" + server.getAddress().getPort() + PATH
                + (down ? " (answering 503: the gateway will retry)" : "") + "; use it as --notify-url. Ctrl-C stops.");
        Thread.currentThread().join();
    }

    static HttpServer start(int port, PublicKey gatewayKey, boolean down, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(PATH, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            boolean verified = SignatureHeader.parse(headers.getFirst("Signature"))
                    .map(s -> RsaSigner.verify(gatewayKey, SignedContent.of("POST", PATH, headers.getFirst("Client-Id"),
                            headers.getFirst("Request-Time"), body), s.signatureBase64()))
                    .orElse(false);
            out.println((down ? "503 to " : "ack ") + "notification (signature " + (verified ? "verified" : "NOT VERIFIED") + "): "
                    + new String(body, StandardCharsets.UTF_8));
            byte[] ack = "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            if (down) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ack.length);
                exchange.getResponseBody().write(ack);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
