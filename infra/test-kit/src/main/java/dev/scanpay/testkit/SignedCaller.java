package dev.scanpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A party calling the gateway's signed JSON APIs (a merchant POS, a wallet) as Alipay's SDKs do: signs
 * each request, and checks every answer is signed by the gateway over the exact bytes received (a test
 * fails on any unsigned answer). Through the real Lambda handler, or over HTTP when given a base URL.
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
        if (netty != null) {
            return sendOverHttp(method, path, body, headers);
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .withRequestId("test")
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = harness.invoke(event);
        byte[] bytes = response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        responseHeaders.putAll(response.getHeaders());
        assertThat(response.getStatusCode()).as("protocol answers are HTTP 200: %s", new String(bytes, StandardCharsets.UTF_8)).isEqualTo(200);
        assertSignedByGateway(path, responseHeaders, bytes);
        return new Answer(response.getStatusCode(), responseHeaders, java.util.Set.copyOf(response.getHeaders().keySet()),
                new String(bytes, StandardCharsets.UTF_8), JSON.parseObject(bytes));
    }

    private Answer sendOverHttp(String method, String path, String body, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(netty.resolve(path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        java.net.http.HttpResponse<byte[]> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> responseHeaders.put(name, values.get(0)));
        byte[] bytes = response.body();
        assertThat(response.statusCode()).as("protocol answers are HTTP 200: %s", new String(bytes, StandardCharsets.UTF_8)).isEqualTo(200);
        assertSignedByGateway(path, responseHeaders, bytes);
        return new Answer(response.statusCode(), responseHeaders, java.util.Set.copyOf(response.headers().map().keySet()),
                new String(bytes, StandardCharsets.UTF_8), JSON.parseObject(bytes));
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
