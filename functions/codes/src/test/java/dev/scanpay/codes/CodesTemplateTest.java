package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.IssuedCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml against this module: the codes function is deployed like the merchant API (fixed name,
 * live alias, SnapStart, this module's jar, the proxy handler), may do only what its routes need, and every
 * API route integrated with it may invoke it and reaches its controller through the real handler. The
 * checks follow the routes the template declares, so the /c/{token} pages are covered once it routes them.
 */
@Tag("integration")
class CodesTemplateTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String HANDLER = "dev.scanpay.core.config.LambdaHttpFunction";
    private static final String GET_IMAGE = "get /qr/{file}";
    private static final String GET_PAGE = "get /c/{token}";
    private static final String POST_PAGE = "post /c/{token}";
    private static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        // the template uses long-form intrinsics only, so plain YAML reads it
        Map<String, Object> template = new Yaml().load(Files.readString(ROOT.resolve("template.yaml")));
        resources = map(template.get("Resources"));
    }

    @Test
    void everyRouteIsThrottledAndThePublicCodePagesMoreStrictly() {
        Map<String, Object> api = map(map(resources.get("HttpApi")).get("Properties"));
        Map<String, Object> defaults = map(api.get("DefaultRouteSettings"));
        int defaultRate = ((Number) defaults.get("ThrottlingRateLimit")).intValue();
        int defaultBurst = ((Number) defaults.get("ThrottlingBurstLimit")).intValue();
        assertThat(defaultRate).isPositive();
        assertThat(defaultBurst).isGreaterThanOrEqualTo(defaultRate);

        Map<String, Object> routes = map(api.get("RouteSettings"));
        assertThat(routes).containsOnlyKeys("POST /c/{token}", "GET /c/{token}");
        Map<String, Object> paths = map(map(api.get("DefinitionBody")).get("paths"));
        routes.forEach((routeKey, value) -> {
            String[] parts = routeKey.split(" ", 2);
            assertThat(map(paths.get(parts[1]))).as("%s is a declared route", routeKey).containsKey(parts[0].toLowerCase(Locale.ROOT));
            Map<String, Object> limits = map(value);
            assertThat(((Number) limits.get("ThrottlingRateLimit")).intValue()).as(routeKey).isPositive().isLessThan(defaultRate);
            assertThat(((Number) limits.get("ThrottlingBurstLimit")).intValue()).as(routeKey).isPositive().isLessThan(defaultBurst);
        });
        int submitRate = ((Number) map(routes.get("POST /c/{token}")).get("ThrottlingRateLimit")).intValue();
        int pageRate = ((Number) map(routes.get("GET /c/{token}")).get("ThrottlingRateLimit")).intValue();
        assertThat(submitRate).as("a submit writes; opening a page only reads").isLessThanOrEqualTo(pageRate);
    }

    @Test
    void theFunctionIsDeployedLikeTheMerchantApi() {
        Map<String, Object> function = map(resources.get("CodesFunction"));
        assertThat(function.get("Type")).isEqualTo("AWS::Serverless::Function");
        Map<String, Object> properties = map(function.get("Properties"));
        assertThat(properties.get("FunctionName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-codes"));
        assertThat(properties.get("CodeUri")).isEqualTo("functions/codes/target/codes-lambda.jar");
        assertThat(properties.get("Handler")).isEqualTo(HANDLER);
        assertThat(properties.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(properties.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        Map<String, Object> env = map(map(properties.get("Environment")).get("Variables"));
        // no SCANPAY_GATEWAY_KEY_SECRET_ID: the function signs nothing, so it is not told where the key is
        assertThat(env).containsOnlyKeys("SCANPAY_TABLE", "SCANPAY_GATEWAY_CLIENT_ID", "SCANPAY_GATEWAY_PUBLIC_URL");
        assertThat(map(map(properties.get("LoggingConfig")).get("LogGroup"))).isEqualTo(Map.of("Ref", "CodesFunctionLogGroup"));
        assertThat(map(map(resources.get("CodesFunctionLogGroup")).get("Properties")).get("LogGroupName"))
                .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}-codes"));
    }

    /**
     * Least privilege, following the routes: images and pages read items (GetItem); pages also read the
     * wallet registry (a Query); the amount page's POST writes the payment, its request key and its one-time
     * code in one transaction, which IAM authorises as PutItem of each item, and takes a place under the
     * store's cap in the same transaction (UpdateItem of the store's key, held to ENTRY# by the policy list).
     * A transaction's ConditionCheckItem is tolerated beside PutItem (it writes nothing); nothing that
     * deletes or scans is, and the gateway key's secret is not readable (nothing here signs).
     */
    @Test
    void itMayOnlyDoWhatItsRoutesNeed() {
        List<Object> actions = new ArrayList<>();
        for (Object policy : (List<?>) map(map(resources.get("CodesFunction")).get("Properties")).get("Policies")) {
            for (Object statement : (List<?>) map(policy).get("Statement")) {
                assertThat(map(statement).get("Effect")).isEqualTo("Allow");
                Object action = map(statement).get("Action");
                actions.addAll(action instanceof List<?> list ? list : List.of(action));
            }
        }
        List<String> routes = codesRoutes();
        Set<String> needed = new TreeSet<>(List.of("dynamodb:GetItem"));
        Set<String> tolerated = new TreeSet<>();
        if (routes.contains(GET_PAGE) || routes.contains(POST_PAGE)) {
            needed.add("dynamodb:Query");
        }
        if (routes.contains(POST_PAGE)) {
            needed.add("dynamodb:PutItem");
            needed.add("dynamodb:UpdateItem");
            tolerated.add("dynamodb:ConditionCheckItem");
        }
        assertThat(actions).as("actions for the routes %s", routes).containsAll(needed);
        tolerated.addAll(needed);
        assertThat(actions).as("actions for the routes %s", routes).isSubsetOf(tolerated);
    }

    @Test
    void theApiMayInvokeTheLiveAliasOnEachOfItsRoutes() {
        String prefix = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/";
        List<Pattern> allowed = new ArrayList<>();
        resources.forEach((name, resource) -> {
            Map<String, Object> properties = map(map(resource).get("Properties"));
            if ("AWS::Lambda::Permission".equals(map(resource).get("Type"))
                    && Map.of("Ref", "CodesFunction.Alias").equals(properties.get("FunctionName"))) {
                assertThat(properties.get("Action")).as(name).isEqualTo("lambda:InvokeFunction");
                assertThat(properties.get("Principal")).as(name).isEqualTo("apigateway.amazonaws.com");
                String arn = String.valueOf(map(properties.get("SourceArn")).get("Fn::Sub"));
                assertThat(arn).as(name).startsWith(prefix);
                allowed.add(Pattern.compile(Pattern.quote(arn.substring(prefix.length())).replace("*", "\\E.*\\Q")));
            }
        });
        assertThat(allowed).as("permissions on CodesFunction.Alias").isNotEmpty();
        for (String route : codesRoutes()) {
            // what API Gateway invokes with: {stage}/{METHOD}/{path as requested}
            String invoked = "$default/" + method(route).toUpperCase(Locale.ROOT) + concrete(path(route), CodeTokens.next());
            assertThat(allowed).as("a permission for %s", route).anyMatch(p -> p.matcher(invoked).matches());
        }
    }

    @Test
    void everyRouteToTheCodesFunctionReachesItsControllerThroughTheHandler() {
        List<String> routes = codesRoutes();
        assertThat(routes).contains(GET_IMAGE);
        assertThat(routes).as("routes this test knows how to exercise").isSubsetOf(GET_IMAGE, GET_PAGE, POST_PAGE);
        try (CodesHarness codes = new CodesHarness()) {
            codes.simWallet();
            for (String route : routes) {
                String path = path(route);
                switch (route) {
                    case GET_IMAGE -> {
                        IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
                        var png = codes.get(concrete(path, code.token() + ".png"), Map.of("size", "small"));
                        assertThat(png.status()).as(route).isEqualTo(200);
                        assertThat(Decode.png(png.body())).isEqualTo(code.codeValue());
                        assertThat(codes.get(concrete(path, code.token() + ".svg")).status()).as(route).isEqualTo(200);
                    }
                    case GET_PAGE -> {
                        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
                        var page = codes.page(concrete(path, code.token()), Map.of(), CodesHarness.WALLET_BROWSER, "en");
                        assertThat(page.status()).as(route).isEqualTo(200);
                        assertThat(page.text()).as(route).contains("id=\"amount\"");
                        CodePagesTest.assertNotFoundPage(codes.page(concrete(path, CodeTokens.next()), Map.of(), "Mozilla/5.0", "en"));
                    }
                    case POST_PAGE -> {
                        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
                        var answer = codes.post(concrete(path, code.token()),
                                Map.of("amount", "1.00", "formId", CodePageController.formId()), CodesHarness.WALLET_BROWSER, "en");
                        assertThat(answer.status()).as(route).isEqualTo(303);
                        assertThat(answer.header("Location")).as(route).startsWith(CodesHarness.CASHIER_URL + "?codeValue=");
                    }
                    default -> throw new AssertionError("no check for " + route);
                }
            }
        }
    }

    /** Each operation of the HttpApi integrated with the codes function's live alias, as "get /qr/{file}". */
    private static List<String> codesRoutes() {
        Map<String, Object> paths = map(map(map(map(resources.get("HttpApi")).get("Properties")).get("DefinitionBody")).get("paths"));
        List<String> routes = new ArrayList<>();
        paths.forEach((path, item) -> map(item).forEach((method, operation) -> {
            Object uri = map(map(map(operation).get("x-amazon-apigateway-integration")).get("uri")).get("Fn::Sub");
            if (String.valueOf(uri).endsWith(":function:${AWS::StackName}-codes:live/invocations")) {
                routes.add(method.toLowerCase(Locale.ROOT) + " " + path);
            }
        }));
        return routes;
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private static String path(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }

    /** The route's path with its path parameter filled in. */
    private static String concrete(String path, String parameter) {
        return path.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(parameter));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
