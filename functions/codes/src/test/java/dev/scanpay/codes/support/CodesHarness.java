package dev.scanpay.codes.support;

import dev.scanpay.core.config.LambdaHttpFunction;
import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.directory.WalletDirectory;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.testing.MutableClock;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.DynamoCalls;
import dev.scanpay.testkit.FunctionClasspath;
import dev.scanpay.testkit.Transport;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The codes function as Lambda runs it (the real handler class with its own application context) or as the
 * local stack serves it (that context on Netty), over DynamoDB Local in this JVM (a fresh table per harness), time a {@link MutableClock}. No gateway key is
 * configured: the function signs nothing, so it must never need one (as in AWS, where it may not read it).
 */
public final class CodesHarness implements AutoCloseable {

    public static final String PUBLIC_URL = "https://a1b2c3d4e5.execute-api.ap-southeast-1.amazonaws.com";
    /** The registered wallet's in-app browser: {@link #simWallet()}'s marker inside a phone's User-Agent. */
    public static final String WALLET_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 SimWallet/3.2";
    public static final String CASHIER_URL = "https://cashier.simwallet.example/pay";

    public final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    public final String table = "scanpay-" + UUID.randomUUID();
    public final DynamoDbClient dynamoClient;
    public final CodeStore codes;
    public final EntryCodeStore entryCodes;
    public final PaymentStore payments;
    public final WalletStore wallets;
    /** The function's DynamoDB client: every call recorded, and checked against its policy on close. */
    public final DynamoCalls dynamoCalls;
    public final ApplicationContext context;
    /** The Lambda handler over {@link #context} ({@link Adapter#LAMBDA}); null on Netty. */
    public final APIGatewayV2HTTPEventFunction handler;
    /** How requests reach the function's controllers: its Lambda handler, or HTTP to its Netty server. */
    public final Transport transport;

    public CodesHarness() {
        this(Adapter.LAMBDA);
    }

    /** The codes function served through {@code adapter}: its Lambda handler, or the local stack's Netty server. */
    public CodesHarness(Adapter adapter) {
        EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
        dynamoClient = dynamo.client();
        ScanpayTable.ensure(dynamoClient, table);
        codes = new CodeStore(dynamoClient, table);
        entryCodes = new EntryCodeStore(dynamoClient, table);
        payments = new PaymentStore(dynamoClient, table);
        wallets = new WalletStore(dynamoClient, table);
        dynamoCalls = DynamoCalls.recording(dynamo.client());
        // the codes function's own classpath: no merchant API (which these tests also serve elsewhere)
        context = ApplicationContext.builder().classLoader(FunctionClasspath.of("codes"))
                .properties(properties(dynamo.endpoint()))
                .properties(adapter == Adapter.NETTY
                        ? Map.of("micronaut.server.host", "127.0.0.1", "micronaut.server.port", -1) : Map.of())
                .singletons(clock, dynamoCalls.client())
                .start();
        if (adapter == Adapter.LAMBDA) {
            handler = new LambdaHttpFunction(context);
            transport = Transport.lambda(handler, (method, path) -> method + " " + route(path), "203.0.113.7");
        } else {
            handler = null;
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            transport = Transport.http(server.getURI());
        }
    }

    public Map<String, Object> properties(String dynamoEndpoint) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("scanpay.table", table);
        properties.put("scanpay.dynamodb.endpoint", dynamoEndpoint);
        properties.put("scanpay.gateway.public-url", PUBLIC_URL);
        properties.put("scanpay.outbound.allow-loopback", true);
        properties.put("scanpay.outbound.require-https", false);
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

    /** A store's entry code, which does not expire, as the image renderer reads it. */
    public IssuedCode entryCode() {
        return codes.find(entryCode("JPY", "Ramen Ichiban", "Shibuya").token()).orElseThrow();
    }

    /** A store's entry code registered as registerEntryCode registers it, its value the code's /c/ URL. */
    public EntryCode entryCode(String currency, String merchantDisplayName, String storeDisplayName) {
        String store = "STORE-" + UUID.randomUUID();
        EntryCode code = new EntryCode(CodeTokens.next(), "MERCHANT_QR", "M-1", "Merchant Legal Name", "5812",
                merchantDisplayName, store, "Store " + store, "5812", storeDisplayName, Currency.getInstance(currency), null,
                clock.instant());
        return entryCodes.register(code, new CodeUrls(PUBLIC_URL).codeValue(code.token()));
    }

    /**
     * A wallet that takes entry codes (cashier {@link #CASHIER_URL}, marker "SimWallet"), registered and
     * visible to the function at once.
     */
    public Wallet simWallet() {
        return wallet(new Wallet("SIMWALLET", "SimWallet", "https://api.simwallet.example",
                RsaKeys.encode(RsaKeys.generate().getPublic()), "1", List.of("2899"), CASHIER_URL, "SimWallet"));
    }

    public Wallet wallet(Wallet wallet) {
        wallets.put(wallet);
        context.getBean(WalletDirectory.class).refresh();
        return wallet;
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

    /** A GET as API Gateway's HTTP API (payload 2.0) delivers it, with the headers of a phone fetching an image. */
    public Response get(String path, Map<String, String> query, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("accept", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        allHeaders.put("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)");
        allHeaders.putAll(headers);
        return send("GET", path, query, allHeaders, null);
    }

    /** A page as a browser asks for it: GET with a browser's Accept, the given User-Agent and Accept-Language. */
    public Response page(String path, Map<String, String> query, String userAgent, String acceptLanguage) {
        return send("GET", path, query, browserHeaders(userAgent, acceptLanguage), null);
    }

    /** A form submitted as a browser submits it: application/x-www-form-urlencoded, fields in order. */
    public Response post(String path, Map<String, String> form, String userAgent, String acceptLanguage) {
        Map<String, String> headers = browserHeaders(userAgent, acceptLanguage);
        headers.put("content-type", "application/x-www-form-urlencoded");
        return send("POST", path, Map.of(), headers, urlEncoded(form));
    }

    public static String urlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> browserHeaders(String userAgent, String acceptLanguage) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        headers.put("user-agent", userAgent);
        if (acceptLanguage != null) {
            headers.put("accept-language", acceptLanguage);
        }
        return headers;
    }

    /** A request as API Gateway's HTTP API (payload 2.0) delivers it to the function, or as Netty receives it. */
    public Response send(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        return send(transport, method, path, query, headers, body);
    }

    /** A request the API contract does not allow, when that is the test's point; its answer is still checked. */
    public Response sendMalformed(String method, String path, Map<String, String> query, Map<String, String> headers,
                                  String body) {
        return send(transport.unchecked(), method, path, query, headers, body);
    }

    /** A GET whose query the API contract does not allow (a size it does not list); its answer is still checked. */
    public Response getMalformed(String path, Map<String, String> query) {
        return sendMalformed("GET", path, query, Map.of("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"), null);
    }

    private Response send(Transport transport, String method, String path, Map<String, String> query,
                          Map<String, String> headers, String body) {
        if (body != null && headers.keySet().stream().noneMatch("content-length"::equalsIgnoreCase)) {
            // API Gateway passes the client's Content-Length on to the function
            headers = new LinkedHashMap<>(headers);
            headers.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        String rawQuery = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Transport.Response response = transport.call(method, rawQuery.isEmpty() ? path : path + "?" + rawQuery, headers, body);
        return new Response(response.status(), response.headers(), response.body(), response.base64());
    }

    /** The API route a path is delivered on, as its routeKey names it. */
    private static String route(String path) {
        if (path.startsWith("/qr/")) {
            return "/qr/{file}";
        }
        return path.startsWith("/c/") ? "/c/{token}" : path;
    }

    @Override
    public void close() {
        if (handler != null) {
            handler.close();
        } else {
            context.close();
        }
        dynamoClient.deleteTable(b -> b.tableName(table));
        dynamoClient.close();
        dynamoCalls.reportAndAssertWithinPolicies();
    }
}
