package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SamTemplate;
import dev.scanpay.testkit.SignedMerchant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * template.yaml against the code: every Handler names a class that exists, every HTTP route reaches a
 * controller that answers in protocol, the table matches {@link ScanpayTable}, and cfn-lint is clean.
 */
@Tag("integration")
class TemplateTest {

    private static final Path ROOT = SamTemplate.ROOT;
    private static Map<String, Object> template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load().raw();
    }

    @Test
    void everyHandlerExistsAndEveryCodeUriIsAModuleJar() {
        List<Map<String, Object>> functions = resources("AWS::Serverless::Function");
        assertThat(functions).isNotEmpty();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        for (Map<String, Object> function : functions) {
            Map<String, Object> properties = map(function.get("Properties"));
            String handler = (String) properties.get("Handler");
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            String codeUri = (String) properties.get("CodeUri");
            String module = codeUri.substring(0, codeUri.indexOf("/target/"));
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module of %s", codeUri).exists();
            if (className.startsWith("dev.scanpay.")) {
                // our own handler: its source lives in the module the CodeUri jar is built from, or in core, which
                // every function's jar contains
                String source = "src/main/java/" + className.replace('.', '/') + ".java";
                assertThat(Files.exists(ROOT.resolve(module).resolve(source)) || Files.exists(ROOT.resolve("functions/core").resolve(source)))
                        .as("handler %s in %s or core", className, module).isTrue();
            } else {
                assertThat(classExists(className)).as("handler class %s", className).isTrue();
            }
            Object runtime = properties.getOrDefault("Runtime", globals.get("Runtime"));
            assertThat(runtime).isEqualTo("java21");
        }
    }

    @Test
    void everyRouteReachesAControllerThatAnswersInProtocol() {
        List<String[]> routes = new ArrayList<>();
        for (Map<String, Object> function : resources("AWS::Serverless::Function")) {
            Map<String, Object> events = map(map(function.get("Properties")).getOrDefault("Events", Map.of()));
            for (Object event : events.values()) {
                Map<String, Object> e = map(event);
                if ("HttpApi".equals(e.get("Type"))) {
                    Map<String, Object> p = map(e.get("Properties"));
                    routes.add(new String[] {(String) p.get("Method"), (String) p.get("Path")});
                }
            }
        }
        // routes declared on the API itself (the OpenAPI body), which keeps the API independent of the function
        Map<String, Object> paths = map(map(map(resource("HttpApi").get("Properties")).get("DefinitionBody")).get("paths"));
        // only the routes integrated with this function; the codes module checks its own GET routes
        paths.forEach((path, item) -> map(item).forEach((method, operation) -> {
            Object uri = map(map(operation).get("x-amazon-apigateway-integration")).get("uri");
            if (String.valueOf(uri).contains("-merchant-api:live/invocations")) {
                routes.add(new String[] {method, path});
            }
        }));
        assertThat(routes).isNotEmpty();
        try (GatewayHarness gateway = new GatewayHarness()) {
            SignedMerchant merchant = gateway.merchant("MERCHANT_ROUTES");
            // each operation family the merchant API serves, with the answer an empty lookup gets
            Map<String, String> families = Map.of("payments/inquiryPayment", "ORDER_NOT_EXIST",
                    "codes/registerEntryCode", "PARAM_ILLEGAL");
            for (String[] route : routes) {
                families.forEach((operation, expected) -> {
                    String path = route[1].replace("{family}/{operation}", operation);
                    String body = "{\"paymentId\":\"1\"}";
                    // one body for every operation, malformed for some (registerEntryCode): its refusal is the point
                    var answer = merchant.sendMalformed(route[0].toUpperCase(), path, body,
                            merchant.headers(path, dev.scanpay.core.signing.RequestTime.format(gateway.now()), body));
                    assertThat(answer.resultCode()).as("%s %s", route[0], path).isEqualTo(expected);
                });
            }
        }
    }

    @Test
    void tableMatchesTheDefinitionInCode() {
        Map<String, Object> table = map(resource("ScanpayTable").get("Properties"));
        CreateTableRequest code = ScanpayTable.createRequest("scanpay");
        Map<String, String> declared = new HashMap<>();
        for (Object definition : (List<?>) table.get("AttributeDefinitions")) {
            declared.put((String) map(definition).get("AttributeName"), (String) map(definition).get("AttributeType"));
        }
        Map<String, String> expected = new HashMap<>();
        code.attributeDefinitions().forEach(a -> expected.put(a.attributeName(), a.attributeTypeAsString()));
        assertThat(declared).isEqualTo(expected);
        assertThat(keySchema(table.get("KeySchema"))).isEqualTo(
                code.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
        List<?> indexes = (List<?>) table.get("GlobalSecondaryIndexes");
        assertThat(indexes).hasSameSizeAs(code.globalSecondaryIndexes());
        for (int i = 0; i < indexes.size(); i++) {
            Map<String, Object> index = map(indexes.get(i));
            var codeIndex = code.globalSecondaryIndexes().get(i);
            assertThat(index.get("IndexName")).isEqualTo(codeIndex.indexName());
            assertThat(keySchema(index.get("KeySchema"))).isEqualTo(
                    codeIndex.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
            assertThat(map(index.get("Projection")).get("ProjectionType")).isEqualTo(codeIndex.projection().projectionTypeAsString());
        }
    }

    @Test
    void gatewayKeyComesFromSecretsManagerNeverALiteral() {
        Map<String, Object> env = map(map(map(resource("MerchantApiFunction").get("Properties")).get("Environment")).get("Variables"));
        assertThat(env.get("SCANPAY_GATEWAY_KEY_SECRET_ID")).isEqualTo(Map.of("Ref", "GatewayKeySecretArn"));
        assertThat(Files.exists(ROOT.resolve("template.yaml"))).isTrue();
        assertThat(readTemplate()).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("MIIE");
    }

    @Test
    void cfnLintIsClean() throws Exception {
        assumeTrue(onPath("cfn-lint"), "cfn-lint is not installed here");
        Process lint = new ProcessBuilder("cfn-lint", "template.yaml").directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as(output).isZero();
    }

    private static String readTemplate() {
        try {
            return Files.readString(ROOT.resolve("template.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> keySchema(Object schema) {
        return ((List<?>) schema).stream().map(k -> map(k).get("AttributeName") + ":" + map(k).get("KeyType")).toList();
    }

    private static Map<String, Object> resource(String logicalId) {
        return map(map(template.get("Resources")).get(logicalId));
    }

    private static List<Map<String, Object>> resources(String type) {
        return map(template.get("Resources")).values().stream().map(TemplateTest::map)
                .filter(r -> type.equals(r.get("Type"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, TemplateTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
