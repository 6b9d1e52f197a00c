package dev.scanpay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The repository's template.yaml, read for the modules' template tests. */
public final class SamTemplate {

    /** The repository root, seen from a module two levels down (functions/x, infra/x). */
    public static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private final Map<String, Object> template;
    private final String text;

    private SamTemplate(String text) {
        this.text = text;
        this.template = new Yaml(new CfnConstructor()).load(text);
    }

    public static SamTemplate load() {
        try {
            return new SamTemplate(Files.readString(ROOT.resolve("template.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole template as parsed maps and lists. */
    public Map<String, Object> raw() {
        return template;
    }

    public String text() {
        return text;
    }

    public Map<String, Object> resource(String logicalId) {
        return map(map(template.get("Resources")).get(logicalId));
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** One HTTP route of the API: method (upper case) and path as declared, e.g. {@code /c/{token}}. */
    public record Route(String method, String path) {
    }

    /** The API routes (OpenAPI DefinitionBody) whose integration invokes {@code <stack>-<functionSuffix>:live}. */
    public List<Route> routesTo(String functionSuffix) {
        Map<String, Object> paths = map(map(properties("HttpApi").get("DefinitionBody")).get("paths"));
        List<Route> routes = new ArrayList<>();
        paths.forEach((path, item) -> map(item).forEach((method, operation) -> {
            Object uri = map(map(operation).get("x-amazon-apigateway-integration")).get("uri");
            if (String.valueOf(uri).contains("-" + functionSuffix + ":live/invocations")) {
                routes.add(new Route(method.toUpperCase(java.util.Locale.ROOT), path));
            }
        }));
        return routes;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Reads CloudFormation's short intrinsics (!Ref X, !Sub "...") as {Ref: X}, {Fn::Sub: ...}. */
    static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(name, value);
                }
            });
        }
    }
}
