package dev.scanpay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The jars template.yaml deploys, opened: each holds its handler class and the Lambda event classes the
 * handler takes (Lambda's Java runtime does not provide them), and no Netty (cold start). Runs in this
 * module because the reactor has packaged every function by the time its tests run.
 */
@Tag("integration")
class LambdaJarsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void everyDeployedJarHoldsWhatLambdaWillLoad() throws IOException {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        // the template uses long-form intrinsics only, so plain YAML reads it
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(template)).get("Resources");
        List<String> checked = new ArrayList<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            Path jar = ROOT.resolve((String) properties.get("CodeUri"));
            assumeTrue(Files.exists(jar), jar + " is not built (run the package phase)");
            String handler = (String) properties.get("Handler");
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry(handler.replace('.', '/') + ".class")).as("%s in %s", handler, jar).isNotNull();
                assertThat(file.getEntry("com/amazonaws/services/lambda/runtime/Context.class")).as("Lambda core in %s", jar).isNotNull();
                assertThat(file.getEntry("com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class")
                        != null || file.getEntry("com/amazonaws/services/lambda/runtime/events/ScheduledEvent.class") != null)
                        .as("Lambda event classes in %s", jar).isTrue();
                assertThat(file.stream().noneMatch(e -> e.getName().startsWith("io/netty/"))).as("no Netty in %s", jar).isTrue();
                // every function logs JSON lines through core's one logback configuration
                assertThat(file.getEntry("logback.xml")).as("core's logback.xml in %s", jar).isNotNull();
                assertThat(file.getEntry("net/logstash/logback/encoder/LogstashEncoder.class")).as("the JSON encoder in %s", jar)
                        .isNotNull();
            }
            checked.add(jar.getFileName().toString());
        }
        assertThat(checked).contains("merchant-api-lambda.jar", "status-sweeper-lambda.jar");
    }
}
