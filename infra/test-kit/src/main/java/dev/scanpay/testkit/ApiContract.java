package dev.scanpay.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API contract, {@code docs/openapi.yaml}, held against what the end-to-end tests send and receive: every
 * {@link Transport} the test kit builds checks each request before sending it and each answer when it comes
 * back, and fails the test with the validator's message when either does not match the document.
 *
 * <p>The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12. swagger-request-validator reads
 * OpenAPI 3.0 only (its schema validator is draft 4), so the schemas are checked with networknt's validator
 * in its OpenAPI 3.1 dialect, each at its place in the document; this class only finds the operation (path
 * template and method), the parameters, the media type and the status, and hands the values to it.
 */
public final class ApiContract {

    /** Where the document is on the classpath (the test kit's build copies it from docs/). */
    public static final String RESOURCE = "openapi.yaml";

    private static final String DOCUMENT = "classpath:" + RESOURCE;
    private static final Pattern TEMPLATE_PART = Pattern.compile("\\{[^/}]+}");
    private static final ApiContract INSTANCE = new ApiContract();

    private final Map<String, Object> document;
    private final Map<String, String> pathAliases;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    private ApiContract() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> aliases = map(document.get("x-path-aliases"));
        pathAliases = new LinkedHashMap<>();
        aliases.forEach((alias, path) -> pathAliases.put(alias, (String) path));
    }

    public static ApiContract get() {
        return INSTANCE;
    }

    /** {@code transport}, checking every request it sends and every answer it returns. */
    public static Transport enforced(Transport transport) {
        return new Enforced(transport, true);
    }

    /**
     * A transport that checks answers and not requests, for a test whose point is a request the contract does
     * not allow (a wrong method, content type, header or body). Reached through {@link Transport#unchecked()}.
     */
    record Enforced(Transport inner, boolean checkRequests) implements Transport {
        @Override
        public Response call(String method, String path, Map<String, String> headers, String body) {
            if (checkRequests) {
                INSTANCE.checkRequest(method, path, headers, body);
            }
            Response response = inner.call(method, path, headers, body);
            // unchecked, a request may be one no operation serves (a DELETE, a path of nothing): its answer has no
            // operation to be held against
            if (checkRequests || INSTANCE.serves(method, path)) {
                INSTANCE.checkAnswer(method, path, response);
            }
            return response;
        }

        @Override
        public Transport unchecked() {
            return new Enforced(inner, false);
        }
    }

    /** The operation serving {@code method} {@code pathAndQuery}, with its JSON pointer in the document. */
    record Operation(String pointer, Map<String, Object> pathItem, Map<String, Object> operation, String name) {
    }

    boolean serves(String method, String pathAndQuery) {
        try {
            operation(method, pathAndQuery);
            return true;
        } catch (AssertionError none) {
            return false;
        }
    }

    /** @throws AssertionError when the request does not match its operation, or no operation serves it */
    public void checkRequest(String method, String pathAndQuery, Map<String, String> headers, String body) {
        Operation op = operation(method, pathAndQuery);
        List<String> problems = new ArrayList<>();
        Map<String, String> headersByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headersByName.putAll(headers);
        }
        Map<String, String> query = query(pathAndQuery);
        for (Located parameter : parameters(op)) {
            Map<String, Object> p = parameter.value();
            String name = (String) p.get("name");
            String in = (String) p.get("in");
            boolean required = Boolean.TRUE.equals(p.get("required"));
            String schemaPointer = parameter.pointer() + "/schema";
            if ("header".equals(in)) {
                String value = headersByName.get(name);
                if (value == null) {
                    if (required) {
                        problems.add("header " + name + " is required");
                    }
                } else {
                    problems.addAll(validate(schemaPointer, json.valueToTree(value), "header " + name));
                }
            } else if ("query".equals(in)) {
                Map<String, Object> schema = resolve(map(p.get("schema"))).value();
                if ("object".equals(schema.get("type"))) {
                    // style form, explode: the object's properties are the query's parameters
                    if (required && query.isEmpty()) {
                        problems.add("query parameters are required");
                    } else if (!query.isEmpty()) {
                        problems.addAll(validate(schemaPointer, json.valueToTree(query), "query"));
                    }
                } else if (query.containsKey(name)) {
                    problems.addAll(validate(schemaPointer, json.valueToTree(query.get(name)), "query " + name));
                } else if (required) {
                    problems.add("query parameter " + name + " is required");
                }
            }
        }
        Map<String, Object> requestBody = op.operation().containsKey("requestBody")
                ? resolve(map(op.operation().get("requestBody"))).value() : null;
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody == null) {
            if (hasBody) {
                problems.add("a body is sent where the operation takes none");
            }
        } else if (!hasBody) {
            if (Boolean.TRUE.equals(requestBody.get("required"))) {
                problems.add("the body is required");
            }
        } else {
            String pointer = op.pointer() + "/requestBody";
            if (op.operation().get("requestBody") instanceof Map<?, ?> rb && rb.containsKey("$ref")) {
                pointer = ref((String) rb.get("$ref"));
            }
            problems.addAll(checkContent(pointer, map(requestBody.get("content")), headersByName.get("Content-Type"),
                    body.getBytes(StandardCharsets.UTF_8), "request body"));
        }
        fail(problems, method + " " + pathAndQuery + ": the request does not match " + op.name());
    }

    /** @throws AssertionError when the answer is not one the operation documents */
    public void checkAnswer(String method, String pathAndQuery, Transport.Response response) {
        Operation op = operation(method, pathAndQuery);
        Map<String, Object> responses = map(op.operation().get("responses"));
        String status = Integer.toString(response.status());
        String key = responses.containsKey(status) ? status : responses.containsKey("default") ? "default" : null;
        String what = method + " " + pathAndQuery + ": the answer " + status + " does not match " + op.name();
        if (key == null) {
            fail(List.of("status " + status + " is not one of " + responses.keySet()), what);
        }
        Located answer = resolve(map(responses.get(key)), op.pointer() + "/responses/" + escape(key));
        List<String> problems = new ArrayList<>();
        Map<String, Object> headers = map(answer.value().get("headers"));
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            Located h = resolve(map(header.getValue()), answer.pointer() + "/headers/" + escape(header.getKey()));
            String value = response.headers().get(header.getKey());
            if (value == null) {
                if (Boolean.TRUE.equals(h.value().get("required"))) {
                    problems.add("header " + header.getKey() + " is missing");
                }
            } else if (h.value().containsKey("schema")) {
                problems.addAll(validate(h.pointer() + "/schema", json.valueToTree(value), "header " + header.getKey()));
            }
        }
        Map<String, Object> content = map(answer.value().get("content"));
        if (content.isEmpty()) {
            if (response.body() != null && response.body().length > 0) {
                problems.add("a body is answered where the answer has none");
            }
        } else {
            problems.addAll(checkContent(answer.pointer(), content, response.headers().get("Content-Type"),
                    response.body(), "body"));
        }
        fail(problems, what);
    }

    private List<String> checkContent(String pointer, Map<String, Object> content, String contentType, byte[] body,
                                      String what) {
        String mediaType = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String key = mediaType != null && content.containsKey(mediaType) ? mediaType
                : content.containsKey("*/*") ? "*/*" : null;
        if (key == null) {
            return List.of(what + ": Content-Type " + contentType + " is not one of " + content.keySet());
        }
        Map<String, Object> media = map(content.get(key));
        if (!media.containsKey("schema") || "*/*".equals(key)) {
            return List.of();
        }
        String schemaPointer = pointer + "/content/" + escape(key) + "/schema";
        JsonNode instance;
        if (key.equals("application/json")) {
            try {
                instance = json.readTree(body);
            } catch (JacksonException e) {
                return List.of(what + " is not JSON: " + e.getOriginalMessage());
            }
        } else if (key.equals("application/x-www-form-urlencoded")) {
            instance = json.valueToTree(form(new String(body, StandardCharsets.ISO_8859_1)));
        } else if (key.startsWith("text/") || key.endsWith("+xml")) {
            instance = json.valueToTree(new String(body, StandardCharsets.UTF_8));
        } else {
            return List.of(); // an image: its media type is what the document says of it
        }
        return validate(schemaPointer, instance, what);
    }

    private List<String> validate(String schemaPointer, JsonNode instance, String what) {
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer)));
        List<Error> errors = schema.validate(instance);
        return errors.stream().map(e -> what + " " + e.getInstanceLocation() + ": " + e.getMessage() + " (#" + schemaPointer + ")")
                .toList();
    }

    private Operation operation(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        for (Map.Entry<String, String> alias : pathAliases.entrySet()) {
            if (path.startsWith(alias.getKey())) {
                path = alias.getValue() + path.substring(alias.getKey().length());
            }
        }
        String verb = method.toLowerCase(Locale.ROOT);
        Map<String, Object> paths = map(document.get("paths"));
        // a path without templates wins over a templated one (OpenAPI 3.1 §4.8.8), then the first template
        List<String> candidates = new ArrayList<>();
        if (paths.containsKey(path)) {
            candidates.add(path);
        }
        for (String template : paths.keySet()) {
            if (template.contains("{") && Pattern.matches(templateRegex(template), path)) {
                candidates.add(template);
            }
        }
        for (String template : candidates) {
            Map<String, Object> item = map(paths.get(template));
            if (item.containsKey(verb)) {
                Map<String, Object> op = map(item.get(verb));
                return new Operation("/paths/" + escape(template) + "/" + verb, item, op,
                        RESOURCE + " " + op.getOrDefault("operationId", verb + " " + template));
            }
        }
        throw new AssertionError(method + " " + pathAndQuery + ": no operation in " + RESOURCE + " serves it");
    }

    private static String templateRegex(String template) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        var m = TEMPLATE_PART.matcher(template);
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("[^/]+");
            at = m.end();
        }
        return regex.append(Pattern.quote(template.substring(at))).toString();
    }

    private record Located(Map<String, Object> value, String pointer) {
    }

    private List<Located> parameters(Operation op) {
        List<Located> all = new ArrayList<>();
        String itemPointer = op.pointer().substring(0, op.pointer().lastIndexOf('/'));
        addParameters(all, op.pathItem().get("parameters"), itemPointer + "/parameters");
        addParameters(all, op.operation().get("parameters"), op.pointer() + "/parameters");
        return all;
    }

    private void addParameters(List<Located> into, Object parameters, String pointer) {
        if (parameters instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                into.add(resolve(map(list.get(i)), pointer + "/" + i));
            }
        }
    }

    private Located resolve(Map<String, Object> node) {
        return resolve(node, null);
    }

    /** A {@code $ref} object followed to what it names (within this document), with where that is. */
    private Located resolve(Map<String, Object> node, String pointer) {
        Map<String, Object> current = node;
        String at = pointer;
        while (current.get("$ref") instanceof String ref) {
            at = ref(ref);
            current = map(at(at));
        }
        return new Located(current, at);
    }

    private static String ref(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only references within " + RESOURCE + " are followed: " + ref);
        }
        return ref.substring(1);
    }

    private Object at(String pointer) {
        Object node = document;
        for (String token : pointer.substring(1).split("/")) {
            String name = token.replace("~1", "/").replace("~0", "~");
            node = node instanceof List<?> list ? list.get(Integer.parseInt(name)) : map(node).get(name);
        }
        return node;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, String> query(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? Map.of() : form(pathAndQuery.substring(q + 1));
    }

    /** Names and values of a query string or form body, decoded as UTF-8, in their order. */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void fail(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + ":\n  " + problems.stream().collect(Collectors.joining("\n  ")));
        }
    }
}
