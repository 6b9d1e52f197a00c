package dev.scanpay.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.scanpay.testing.TestLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a test's request reaches the functions' controllers: one call, two implementations, so the same
 * test runs through the Lambda handler and through the local stack's Netty server ({@link Adapter}). Both
 * check every request and answer against the API contract ({@link ApiContract}).
 */
@FunctionalInterface
public interface Transport {

    /**
     * Sends one request and returns what came back.
     *
     * @param path the path, with its query string if any ({@code /c/abc?lang=en})
     * @param body the body, or null for none
     */
    Response call(String method, String path, Map<String, String> headers, String body);

    /**
     * This transport without the contract check of requests (answers are still checked): for a test whose
     * point is a request the API contract does not allow.
     */
    default Transport unchecked() {
        return this;
    }

    /** What came back: headers looked up case-insensitively, as sent in {@code rawHeaderNames}. */
    record Response(int status, Map<String, String> headers, Set<String> rawHeaderNames, byte[] body, boolean base64) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The real Lambda handler class, each request an API Gateway HTTP API (payload 2.0) event as API Gateway
     * builds it.
     *
     * @param routeKey the event's routeKey for a method and path ("$default" for the default route)
     * @param sourceIp the caller's address as API Gateway reports it
     */
    static Transport lambda(APIGatewayV2HTTPEventFunction handler, java.util.function.BinaryOperator<String> routeKey,
                            String sourceIp) {
        return ApiContract.enforced((method, pathAndQuery, headers, body) -> {
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
            Map<String, String> query = ApiContract.form(rawQuery);
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey(routeKey.apply(method, path))
                    .withRawPath(path)
                    .withRawQueryString(rawQuery)
                    .withQueryStringParameters(query.isEmpty() ? null : query)
                    .withHeaders(headers)
                    .withBody(body)
                    .withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp(sourceIp).build())
                            .withRequestId("test")
                            .build())
                    .build();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestLambdaContext());
            String responseBody = response.getBody() == null ? "" : response.getBody();
            byte[] bytes = response.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(responseBody)
                    : responseBody.getBytes(StandardCharsets.UTF_8);
            Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Set<String> names = Set.of();
            if (response.getHeaders() != null) {
                responseHeaders.putAll(response.getHeaders());
                names = Set.copyOf(response.getHeaders().keySet());
            }
            return new Response(response.getStatusCode(), responseHeaders, names, bytes, response.getIsBase64Encoded());
        });
    }

    /** Real HTTP to a server at {@code base} (the local stack's Netty server). */
    static Transport http(URI base) {
        HttpClient client = HttpClient.newHttpClient();
        // set by the client itself from the request; it refuses them as headers
        Set<String> restricted = Set.of("content-length", "host", "connection", "expect", "upgrade");
        return ApiContract.enforced((method, path, headers, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach((name, value) -> {
                if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    request.header(name, value);
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> responseHeaders.put(name, values.get(0)));
            return new Response(response.statusCode(), responseHeaders, Set.copyOf(response.headers().map().keySet()),
                    response.body(), false);
        });
    }
}
