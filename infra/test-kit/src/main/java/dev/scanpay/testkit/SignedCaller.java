package dev.scanpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A party calling the gateway's signed JSON APIs (a merchant POS, a wallet) as Alipay's SDKs do: signs
 * each request, and checks every answer is signed by the gateway over the exact bytes received (a test
 * fails on any unsigned answer). Through the harness's {@link Transport} (the Lambda handler or its Netty
 * server), or over HTTP to a base URL it is given.
 */
public class SignedCaller {

    static final Json JSON = Json.standalone();

    protected final GatewayHarness harness;
    public final String clientId;
    public final MessageSigner signer;
    protected final java.net.URI netty;

    protected SignedCaller(GatewayHarness harness, String clientId, MessageSigner signer, java.net.URI netty) {
        this.harness = harness;
        this.clientId = clientId;
        this.signer = signer;
        this.netty = netty;
    }

    static MessageSigner signer(String clientId, String keyVersion, KeyPair keys) {
        return new MessageSigner(clientId, keyVersion, keys.getPrivate());
    }

    /** The answer, its HTTP status and parsed body. */
    public record Answer(int status, Map<String, String> headers, java.util.Set<String> rawHeaderNames, String body,
                         Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> result() {
            return (Map<String, Object>) json.get("result");
        }

        public String resultCode() {
            return (String) result().get("resultCode");
        }

        public String resultStatus() {
            return (String) result().get("resultStatus");
        }

        public String resultMessage() {
            return (String) result().get("resultMessage");
        }

        public String get(String field) {
            return (String) json.get(field);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> object(String field) {
            return (Map<String, Object>) json.get(field);
        }
    }

    /** Signs and sends {@code body} to {@code path} as this caller, now. */
    public Answer post(String path, Map<String, Object> body) {
        return post(path, new String(JSON.write(body), StandardCharsets.UTF_8));
    }

    public Answer post(String path, String body) {
        String requestTime = RequestTime.format(harness.now());
        return send(path, body, headers(path, requestTime, body));
    }

    /** Sends exactly these headers and body, for the tests of refusals. */
    public Answer send(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Answer send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, true);
    }

    /**
     * Signs and sends a body the API contract does not allow (a field missing or malformed), when that is the
     * test's point; the answer is still checked against the contract.
     */
    public Answer postMalformed(String path, Map<String, Object> body) {
        String text = new String(JSON.write(body), StandardCharsets.UTF_8);
        return send("POST", path, text, headers(path, RequestTime.format(harness.now()), text), false);
    }

    /** Sends exactly these headers and body, which the API contract does not allow; the answer is still checked. */
    public Answer sendMalformed(String path, String body, Map<String, String> headers) {
        return sendMalformed("POST", path, body, headers);
    }

    public Answer sendMalformed(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, false);
    }

    private Answer send(String method, String path, String body, Map<String, String> headers, boolean contractRequest) {
        Transport transport = netty != null ? Transport.http(netty) : harness.transport;
        if (!contractRequest) {
            transport = transport.unchecked();
        }
        Transport.Response response = transport.call(method, path, headers, body);
        byte[] bytes = response.body();
        assertThat(response.status()).as("protocol answers are HTTP 200: %s", response.text()).isEqualTo(200);
        assertSignedByGateway(path, response.headers(), bytes);
        return new Answer(response.status(), response.headers(), response.rawHeaderNames(), response.text(),
                JSON.parseObject(bytes));
    }

    public Map<String, String> headers(String path, String requestTime, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Client-Id", clientId);
        headers.put("Request-Time", requestTime);
        headers.put("Signature", signer.sign("POST", path, requestTime, body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private void assertSignedByGateway(String path, Map<String, String> headers, byte[] body) {
        String responseTime = headers.get("Response-Time");
        String signedAs = headers.get("Client-Id");
        assertThat(responseTime).as("Response-Time header").isNotBlank();
        SignatureHeader signature = SignatureHeader.parse(headers.get("Signature")).orElseThrow(
                () -> new AssertionError("answer is not signed: " + headers));
        byte[] content = SignedContent.of("POST", path, signedAs, responseTime, body);
        assertThat(RsaSigner.verify(harness.gatewayKeys.getPublic(), content, signature.signatureBase64()))
                .as("gateway signature over the exact answer bytes").isTrue();
    }

    public Instant now() {
        return harness.now();
    }
}
