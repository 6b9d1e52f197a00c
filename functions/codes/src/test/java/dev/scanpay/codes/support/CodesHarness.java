package dev.scanpay.codes.support;

import dev.scanpay.testing.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.scanpay.core.codes.CodeKind;
import dev.scanpay.core.codes.CodeTokens;
import dev.scanpay.core.codes.IssuedCode;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The codes function as Lambda runs it: the real handler class with its own application context over
 * DynamoDB Local in this JVM (a fresh table per harness), time a {@link MutableClock}.
 */
public final class CodesHarness implements AutoCloseable {

    public static final String PUBLIC_URL = "https://a1b2c3d4e5.execute-api.ap-southeast-1.amazonaws.com";


    public final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    public final String table = "scanpay-" + UUID.randomUUID();
    public final DynamoDbClient dynamoClient;
    public final CodeStore codes;
    public final ApplicationContext context;
    public final APIGatewayV2HTTPEventFunction handler;

    public CodesHarness() {
        EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
        dynamoClient = dynamo.client();
        ScanpayTable.ensure(dynamoClient, table);
        codes = new CodeStore(dynamoClient, table);
        context = ApplicationContext.builder()
                .properties(properties(dynamo.endpoint()))
                .singletons(clock)
                .start();
        handler = new APIGatewayV2HTTPEventFunction(context);
    }

    public Map<String, Object> properties(String dynamoEndpoint) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("scanpay.table", table);
        properties.put("scanpay.dynamodb.endpoint", dynamoEndpoint);
        properties.put("scanpay.gateway.public-url", PUBLIC_URL);
        properties.put("scanpay.gateway.key.private-key", RsaKeys.encode(RsaKeys.generate().getPrivate()));
        return properties;
    }


    /** A live order code, stored as the pay call stores it, expiring {@code in} from now. */
    public IssuedCode orderCode(Duration in) {
        String token = CodeTokens.next();
        IssuedCode code = new IssuedCode(token, CodeKind.ORDER, PUBLIC_URL + "/c/" + token, "MERCHANT_QR",
                "2026112300000000000000001", clock.instant().plus(in));
        codes.put(code);
        return code;
    }

    /** A store's entry code, which does not expire. */
    public IssuedCode entryCode() {
        String token = CodeTokens.next();
        IssuedCode code = new IssuedCode(token, CodeKind.ENTRY, PUBLIC_URL + "/e/" + token, "MERCHANT_QR", null, null);
        codes.put(code);
        return code;
    }

    /** What came back, the body decoded from base64 when the response says so. */
    public record Response(int status, Map<String, String> headers, byte[] body, boolean base64) {
        public String header(String name) {
            return headers.get(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response get(String path) {
        return get(path, Map.of(), Map.of());
    }

    public Response get(String path, Map<String, String> query) {
        return get(path, query, Map.of());
    }

    /** A GET as API Gateway's HTTP API (payload 2.0) delivers it. */
    public Response get(String path, Map<String, String> query, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("accept", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        allHeaders.put("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)");
        allHeaders.putAll(headers);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET /qr/{file}")
                .withRawPath(path)
                .withRawQueryString(query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(allHeaders)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(path).withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").build())
                        .withRequestId("test")
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestLambdaContext());
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            responseHeaders.putAll(response.getHeaders());
        }
        return new Response(response.getStatusCode(), responseHeaders, bytes, response.getIsBase64Encoded());
    }

    @Override
    public void close() {
        handler.close();
        dynamoClient.deleteTable(b -> b.tableName(table));
        dynamoClient.close();
    }
}
