package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.codes.IssuedCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml against this module: the codes function is deployed like the merchant API (fixed name,
 * live alias, SnapStart, this module's jar, the proxy handler), may only read the table and the gateway
 * key, and every API route integrated with it reaches the controller through the real handler.
 */
class CodesTemplateTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String HANDLER = "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
    private static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        // the template uses long-form intrinsics only, so plain YAML reads it
        Map<String, Object> template = new Yaml().load(Files.readString(ROOT.resolve("template.yaml")));
        resources = map(template.get("Resources"));
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
        assertThat(env).containsOnlyKeys("SCANPAY_TABLE", "SCANPAY_GATEWAY_KEY_SECRET_ID", "SCANPAY_GATEWAY_CLIENT_ID",
                "SCANPAY_GATEWAY_PUBLIC_URL");
        assertThat(env.get("SCANPAY_GATEWAY_KEY_SECRET_ID")).isEqualTo(Map.of("Ref", "GatewayKeySecretArn"));
        assertThat(map(map(properties.get("LoggingConfig")).get("LogGroup"))).isEqualTo(Map.of("Ref", "CodesFunctionLogGroup"));
        assertThat(map(map(resources.get("CodesFunctionLogGroup")).get("Properties")).get("LogGroupName"))
                .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}-codes"));
    }

    @Test
    void itMayOnlyGetItemsAndTheGatewayKey() {
        List<Object> actions = new ArrayList<>();
        for (Object policy : (List<?>) map(map(resources.get("CodesFunction")).get("Properties")).get("Policies")) {
            for (Object statement : (List<?>) map(policy).get("Statement")) {
                assertThat(map(statement).get("Effect")).isEqualTo("Allow");
                Object action = map(statement).get("Action");
                actions.addAll(action instanceof List<?> list ? list : List.of(action));
            }
        }
        assertThat(actions).containsExactlyInAnyOrder("dynamodb:GetItem", "secretsmanager:GetSecretValue");
    }

    @Test
    void theApiMayInvokeTheLiveAliasForGetQrOnly() {
        Map<String, Object> permission = map(map(resources.get("CodesPermission")).get("Properties"));
        assertThat(permission.get("FunctionName")).isEqualTo(Map.of("Ref", "CodesFunction.Alias"));
        assertThat(permission.get("Principal")).isEqualTo("apigateway.amazonaws.com");
        assertThat(permission.get("SourceArn")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*/GET/qr/*"));
    }

    @Test
    void everyRouteToTheCodesFunctionServesImagesThroughTheHandler() {
        Map<String, Object> paths = map(map(map(map(resources.get("HttpApi")).get("Properties")).get("DefinitionBody")).get("paths"));
        List<String> routes = new ArrayList<>();
        paths.forEach((path, item) -> map(item).forEach((method, operation) -> {
            Object uri = map(map(map(operation).get("x-amazon-apigateway-integration")).get("uri")).get("Fn::Sub");
            if (String.valueOf(uri).endsWith(":function:${AWS::StackName}-codes:live/invocations")) {
                routes.add(method + " " + path);
            }
        }));
        assertThat(routes).containsExactly("get /qr/{file}");
        try (CodesHarness codes = new CodesHarness()) {
            IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
            for (String route : routes) {
                String path = route.substring(route.indexOf(' ') + 1);
                var png = codes.get(path.replace("{file}", code.token() + ".png"), Map.of("size", "small"));
                assertThat(png.status()).as(route).isEqualTo(200);
                assertThat(Decode.png(png.body())).isEqualTo(code.codeValue());
                assertThat(codes.get(path.replace("{file}", code.token() + ".svg")).status()).as(route).isEqualTo(200);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
