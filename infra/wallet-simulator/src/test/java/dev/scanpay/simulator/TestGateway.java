package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the gateway in tests: signed Alipay+ calls over real HTTP, modelled on core's WalletCall, but
 * handing back the raw answer so tests can look at status, headers and signature themselves.
 */
final class TestGateway {

    static final String CLIENT_ID = "SCANPAY";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Json json = Json.standalone();
    final MessageSigner signer = new MessageSigner(CLIENT_ID, "1", TestKeys.GATEWAY.getPrivate());
    private final WalletSimulator simulator;
    private final Clock clock;

    TestGateway(WalletSimulator simulator, Clock clock) {
        this.simulator = simulator;
        this.clock = clock;
    }

    // ---- the wallet API, signed

    Answer pay(String paymentRequestId, String paymentCode, long minor, String currency) throws IOException {
        return call("pay", payBody(paymentRequestId, paymentCode, Money.of(minor, currency)));
    }

    Answer inquire(String paymentRequestId) throws IOException {
        return call("inquiryPayment", idBody(paymentRequestId));
    }

    Answer cancel(String paymentRequestId) throws IOException {
        return call("cancelPayment", idBody(paymentRequestId));
    }

    Answer refund(String refundRequestId, String paymentRequestId, long minor, String currency) throws IOException {
        return call("refund", JsonObject.create()
                .put("acquirerId", CLIENT_ID)
                .put("pspId", simulator.walletId())
                .put("refundRequestId", refundRequestId)
                .put("paymentRequestId", paymentRequestId)
                .put("refundAmount", AmsWire.amount(Money.of(minor, currency)))
                .build());
    }

    Answer call(String operation, Map<String, Object> body) throws IOException {
        return callSignedBy(signer, operation, json.write(body));
    }

    /** @throws IOException when the wallet drops the connection without answering */
    Answer callSignedBy(MessageSigner by, String operation, byte[] body) throws IOException {
        URI target = URI.create(simulator.endpoint() + "/payments/" + operation);
        String requestTime = RequestTime.format(clock.instant());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Client-Id", by.clientId())
                .header("Request-Time", requestTime)
                .header("Signature", by.sign("POST", target.getRawPath(), requestTime, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Answer(send(request), target.getRawPath(), RsaKeys.publicKey(simulator.publicKey()));
    }

    Map<String, Object> payBody(String paymentRequestId, String paymentCode, Money amount) {
        return JsonObject.create()
                .put("acquirerId", CLIENT_ID)
                .put("pspId", simulator.walletId())
                .put("paymentRequestId", paymentRequestId)
                .put("paymentAmount", AmsWire.amount(amount))
                .put("payToAmount", AmsWire.amount(amount))
                .put("paymentMethod", JsonObject.create()
                        .put("paymentMethodType", "CONNECT_WALLET")
                        .put("paymentMethodId", paymentCode))
                .put("paymentFactor", JsonObject.create()
                        .put("isInStorePayment", "true")
                        .put("inStorePaymentScenario", "PaymentCode"))
                .put("order", JsonObject.create()
                        .put("referenceOrderId", "ORDER-" + paymentRequestId)
                        .put("orderDescription", "coffee")
                        .put("orderAmount", AmsWire.amount(amount)))
                .put("paymentExpiryTime", AmsWire.time(clock.instant().plusSeconds(300)))
                .put("paymentNotifyUrl", "http://127.0.0.1:1/notify")
                .build();
    }

    private Map<String, Object> idBody(String paymentRequestId) {
        return JsonObject.create()
                .put("acquirerId", CLIENT_ID)
                .put("pspId", simulator.walletId())
                .put("paymentRequestId", paymentRequestId)
                .build();
    }

    // ---- the plain control API

    Plain control(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).timeout(TIMEOUT);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> response = send(request.build());
        return new Plain(response.statusCode(), response.headers(), response.body(), json);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** An answer from the wallet API, checked the way the gateway checks it. */
    static final class Answer {
        final int status;
        final HttpHeaders headers;
        final byte[] body;
        private final String uri;
        private final PublicKey walletKey;
        private final Json json = Json.standalone();

        Answer(HttpResponse<byte[]> response, String uri, PublicKey walletKey) {
            this.status = response.statusCode();
            this.headers = response.headers();
            this.body = response.body();
            this.uri = uri;
            this.walletKey = walletKey;
        }

        /** Response-Time and Signature present, and the signature verifies over what the gateway sent and got. */
        boolean verifies() {
            Optional<String> responseTime = headers.firstValue("Response-Time");
            Optional<SignatureHeader> signature = headers.firstValue("Signature").flatMap(SignatureHeader::parse);
            if (responseTime.isEmpty() || signature.isEmpty()) {
                return false;
            }
            byte[] content = SignedContent.of("POST", uri, CLIENT_ID, responseTime.get(), body);
            return RsaSigner.verify(walletKey, content, signature.get().signatureBase64());
        }

        /** The verified body: asserts HTTP 200 and a good signature first, as the gateway requires. */
        Map<String, Object> verified() {
            assertThat(status).as("HTTP status").isEqualTo(200);
            assertThat(verifies()).as("answer signature verifies").isTrue();
            return json();
        }

        Map<String, Object> json() {
            return json.parseObject(body);
        }

        String resultCode() {
            return (String) result("result").get("resultCode");
        }

        String resultStatus() {
            return (String) result("result").get("resultStatus");
        }

        String paymentResultCode() {
            return (String) result("paymentResult").get("resultCode");
        }

        String paymentResultStatus() {
            return (String) result("paymentResult").get("resultStatus");
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> result(String field) {
            return (Map<String, Object>) verified().get(field);
        }
    }

    /** An answer from a plain (unsigned) control endpoint. */
    record Plain(int status, HttpHeaders headers, byte[] body, Json json) {
        Map<String, Object> jsonBody() {
            return json.parseObject(body);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
