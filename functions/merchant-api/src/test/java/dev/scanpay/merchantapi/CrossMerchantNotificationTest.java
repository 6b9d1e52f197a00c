package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.entryCodeRegistration;
import static dev.scanpay.testkit.PayBodies.orderCode;
import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * One gateway key signs every client's notifications. Merchant A tries to get a gateway-signed SUCCESS for
 * its own payment to merchant B's endpoint: naming B's URL is refused at request time (it is under B's prefix,
 * not A's), and a notification signed for A that reaches B anyway (A forwards one it received) is rejected by
 * B doing what the README tells merchants to do: verify with the gateway's key, over its own client id, and
 * check that {@code client-id} is its own.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossMerchantNotificationTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private Endpoint endpointA;
    private Endpoint endpointB;
    private SignedMerchant merchantA;
    private SignedMerchant merchantB;

    private int tests;

    // one harness for the class (per adapter); each test has its own two merchants and their endpoints
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() throws IOException {
        tests++;
        // the same path on both: the signature covers the path, so that is where a forwarded one would verify
        endpointA = new Endpoint("MERCHANT_A_" + tests, "/alipay/notify", gateway.gatewayKeys.getPublic());
        endpointB = new Endpoint("MERCHANT_B_" + tests, "/alipay/notify", gateway.gatewayKeys.getPublic());
        merchantA = gateway.merchant("MERCHANT_A_" + tests, endpointA.base() + "/alipay/");
        merchantB = gateway.merchant("MERCHANT_B_" + tests, endpointB.base() + "/alipay/");
    }

    @AfterEach
    void stop() {
        endpointA.close();
        endpointB.close();
    }

    @Test
    void aMerchantCannotNameAnotherMerchantsEndpoint() {
        String bOrderId = "B-ORDER-77";
        String portA = ":" + URI.create(endpointA.base()).getPort();
        for (String target : List.of(endpointB.url(), endpointB.url() + "?order=" + bOrderId,
                endpointB.base() + "/alipay/../alipay/notify", endpointB.url().replace("127.0.0.1", "localhost"),
                "http://127.0.0.1" + portA + "@127.0.0.1" + endpointB.url().substring("http://127.0.0.1".length()))) {
            Map<String, Object> pay = userPresented(bOrderId, "USD", 1250, gateway.wallet.issuePaymentCode("alice"));
            pay.put("paymentNotifyUrl", target);
            Answer refused = merchantA.call("pay", pay);
            assertThat(refused.resultStatus()).as(target).isEqualTo("F");
            assertThat(refused.resultCode()).as(target).isEqualTo("PARAM_ILLEGAL");
            assertThat(refused.resultMessage()).as(target).startsWith("paymentNotifyUrl ");
            assertThat(gateway.payments().findRequest(merchantA.clientId, bOrderId)).as("nothing written").isEmpty();

            Map<String, Object> code = orderCode(bOrderId, "USD", 1250);
            code.put("paymentNotifyUrl", target);
            assertThat(merchantA.call("pay", code).resultCode()).as(target).isEqualTo("PARAM_ILLEGAL");

            Map<String, Object> entry = new java.util.HashMap<>(entryCodeRegistration("M-1001", "S-CROSS", "JPY"));
            entry.put("paymentNotifyUrl", target);
            Answer entryRefused = merchantA.post("/ams/api/v1/codes/registerEntryCode", entry);
            assertThat(entryRefused.resultCode()).as(target).isEqualTo("PARAM_ILLEGAL");
            assertThat(entryRefused.resultMessage()).startsWith("paymentNotifyUrl ");
        }
        assertThat(gateway.payments().findRequest(merchantA.clientId, bOrderId)).isEmpty();
        assertThat(endpointB.received).isEmpty();
    }

    @Test
    void aNotificationSignedForAnotherMerchantIsRejectedByTheClientIdCheck() throws Exception {
        Map<String, Object> payB = userPresented("B-1", "USD", 800, gateway.wallet.issuePaymentCode("bob"));
        payB.put("paymentNotifyUrl", endpointB.url());
        assertThat(merchantB.call("pay", payB).resultCode()).isEqualTo("SUCCESS");
        // A's payment carries B's order id as its paymentRequestId, notified to A's own endpoint (allowed)
        Map<String, Object> payA = userPresented("B-1", "USD", 800, gateway.wallet.issuePaymentCode("alice"));
        payA.put("paymentNotifyUrl", endpointA.url());
        assertThat(merchantA.call("pay", payA).resultCode()).isEqualTo("SUCCESS");

        gateway.sweep();

        assertThat(endpointB.received).singleElement().satisfies(n -> assertThat(n.accepted()).isTrue());
        Received forA = endpointA.received.get(0);
        assertThat(forA.accepted()).isTrue();
        assertThat(forA.signatureValidForHeaderClientId()).as("the gateway's own signature, valid as such").isTrue();

        // A forwards the gateway-signed notification it received, byte for byte, to B's endpoint
        forA.replayTo(endpointB.url());

        assertThat(endpointB.received).hasSize(2);
        Received forged = endpointB.received.get(1);
        assertThat(forged.body()).contains("\"paymentRequestId\":\"B-1\"", "\"resultStatus\":\"S\"");
        assertThat(forged.signatureValidForHeaderClientId())
                .as("checking the signature alone would accept it: one gateway key signs for everyone").isTrue();
        assertThat(forged.accepted()).as("B's check: signed over B's own client id, and client-id is B's").isFalse();
    }

    /** What a merchant's notify endpoint received, and whether the README's check accepted it. */
    record Received(Map<String, String> headers, String path, String body, boolean signatureValidForHeaderClientId,
                    boolean accepted) {

        void replayTo(String url) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * A merchant's notify endpoint doing what the README says, as Alipay's WebhookTool.checkSignature(requestUri,
     * httpMethod, clientId, requestTime, signature, notifyBody, alipayPublicKey) does it: verify over the
     * merchant's OWN client id (not the header's), then also require the header's client-id to be its own.
     */
    private static final class Endpoint implements AutoCloseable {
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final String path;

        Endpoint(String ownClientId, String path, PublicKey gatewayKey) throws IOException {
            this.path = path;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(path, exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                String headerClientId = h.getFirst("Client-Id");
                String time = h.getFirst("Request-Time");
                String uri = exchange.getRequestURI().getRawPath();
                String signature = SignatureHeader.parse(h.getFirst("Signature")).map(SignatureHeader::signatureBase64).orElse("");
                boolean validForHeader = headerClientId != null
                        && RsaSigner.verify(gatewayKey, SignedContent.of("POST", uri, headerClientId, time, body), signature);
                boolean validForMe = RsaSigner.verify(gatewayKey, SignedContent.of("POST", uri, ownClientId, time, body), signature);
                boolean accepted = validForMe && ownClientId.equals(headerClientId);
                received.add(new Received(Map.of("Client-Id", String.valueOf(headerClientId), "Request-Time", time,
                        "Signature", h.getFirst("Signature"), "Content-Type", "application/json; charset=UTF-8"),
                        uri, new String(body, StandardCharsets.UTF_8), validForHeader, accepted));
                byte[] reply = (accepted ? "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}"
                        : "{\"result\":{\"resultCode\":\"SIGNATURE_INVALID\",\"resultStatus\":\"F\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String url() {
            return base() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
