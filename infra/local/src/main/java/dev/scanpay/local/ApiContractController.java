package dev.scanpay.local;

import dev.scanpay.codes.pages.Html;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API contract (docs/openapi.yaml, on the local stack's classpath) at {@code /openapi.yaml}, and the same
 * document as a plain HTML page at {@code /openapi}: every operation with its parameters, bodies, answers and
 * result codes, and every schema with its fields. The page is generated here and loads nothing: no script, no
 * style sheet, nothing from the internet. Local stack only; the deployed functions do not serve it.
 */
@Controller
public class ApiContractController {

    static final String RESOURCE = "openapi.yaml";

    private final byte[] yaml;
    private final String page;

    public ApiContractController() {
        try (InputStream in = ApiContractController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page = render(new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8)));
    }

    @Get(uri = "/openapi.yaml", produces = "application/yaml")
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(yaml).contentType("application/yaml");
    }

    @Get(uri = "/openapi", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> rendered() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML + "; charset=utf-8");
    }

    static String render(Map<String, Object> doc) {
        Map<String, Object> info = map(doc.get("info"));
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(text(info.get("title")))).append(" API</title><style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
                .append("pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}")
                .append("code{background:#f0f0f0}.m{font-weight:700;text-transform:uppercase}")
                .append("</style></head><body>");
        html.append("<h1>").append(Html.escape(text(info.get("title")))).append(" ")
                .append(Html.escape(text(info.get("version")))).append("</h1>")
                .append("<p>OpenAPI ").append(Html.escape(text(doc.get("openapi"))))
                .append(" &middot; <a href=\"/openapi.yaml\">openapi.yaml</a></p>")
                .append("<pre>").append(Html.escape(text(info.get("description")))).append("</pre>");
        html.append("<h2>Operations</h2>");
        map(doc.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (!(op instanceof Map<?, ?>)) {
                return;
            }
            Map<String, Object> operation = map(op);
            html.append("<h3 id=\"").append(Html.escape(text(operation.get("operationId")))).append("\"><span class=\"m\">")
                    .append(Html.escape(method)).append("</span> <code>").append(Html.escape(path)).append("</code></h3>")
                    .append("<p><b>").append(Html.escape(text(operation.get("summary")))).append("</b> (")
                    .append(Html.escape(text(operation.get("operationId")))).append(")</p>");
            if (operation.get("description") != null) {
                html.append("<pre>").append(Html.escape(text(operation.get("description")))).append("</pre>");
            }
            List<?> parameters = operation.get("parameters") instanceof List<?> l ? l : List.of();
            if (!parameters.isEmpty()) {
                html.append("<p>Parameters: ");
                for (Object p : parameters) {
                    Map<String, Object> parameter = map(p);
                    html.append("<code>").append(Html.escape(parameter.containsKey("$ref") ? refName(parameter)
                            : parameter.get("name") + " (" + parameter.get("in") + ")")).append("</code> ");
                }
                html.append("</p>");
            }
            Map<String, Object> body = map(operation.get("requestBody"));
            map(body.get("content")).forEach((media, content) -> html.append("<p>Request ")
                    .append(Html.escape(media)).append(": ").append(schemaLink(map(map(content).get("schema")))).append("</p>"));
            html.append("<table><tr><th>Status</th><th>Answer</th></tr>");
            map(operation.get("responses")).forEach((status, response) -> {
                Map<String, Object> r = map(response);
                html.append("<tr><td>").append(Html.escape(status)).append("</td><td>");
                if (r.containsKey("$ref")) {
                    html.append("<a href=\"#responses-").append(Html.escape(refName(r))).append("\">")
                            .append(Html.escape(refName(r))).append("</a>");
                } else {
                    html.append(Html.escape(text(r.get("description"))));
                    map(r.get("content")).forEach((media, content) -> html.append("<br>").append(Html.escape(media))
                            .append(": ").append(schemaLink(map(map(content).get("schema")))));
                }
                html.append("</td></tr>");
            });
            html.append("</table>");
        }));
        Map<String, Object> components = map(doc.get("components"));
        html.append("<h2>Answers</h2>");
        map(components.get("responses")).forEach((name, response) -> {
            Map<String, Object> r = map(response);
            html.append("<h3 id=\"responses-").append(Html.escape(name)).append("\">").append(Html.escape(name)).append("</h3><p>")
                    .append(Html.escape(text(r.get("description")))).append("</p>");
            map(r.get("content")).forEach((media, content) -> html.append("<p>").append(Html.escape(media)).append(": ")
                    .append(schemaLink(map(map(content).get("schema")))).append("</p>"));
        });
        html.append("<h2>Schemas</h2>");
        map(components.get("schemas")).forEach((name, schema) -> {
            Map<String, Object> s = map(schema);
            html.append("<h3 id=\"schemas-").append(Html.escape(name)).append("\">").append(Html.escape(name)).append("</h3>");
            if (s.get("description") != null) {
                html.append("<pre>").append(Html.escape(text(s.get("description")))).append("</pre>");
            }
            Map<String, Object> properties = map(s.get("properties"));
            List<?> required = s.get("required") instanceof List<?> l ? l : List.of();
            if (properties.isEmpty()) {
                html.append("<p>").append(schemaLink(s)).append("</p>");
                return;
            }
            html.append("<table><tr><th>Field</th><th>Schema</th><th>Required</th></tr>");
            properties.forEach((field, property) -> html.append("<tr><td><code>").append(Html.escape(field))
                    .append("</code></td><td>").append(schemaLink(map(property))).append("</td><td>")
                    .append(required.contains(field) ? "yes" : "").append("</td></tr>"));
            html.append("</table>");
        });
        return html.append("</body></html>").toString();
    }

    /** A schema in one line: a link to the schema it names, else its type, enum, pattern and description. */
    private static String schemaLink(Map<String, Object> schema) {
        StringBuilder out = new StringBuilder();
        if (schema.containsKey("$ref")) {
            String name = refName(schema);
            out.append("<a href=\"#schemas-").append(Html.escape(name)).append("\">").append(Html.escape(name)).append("</a> ");
        }
        for (String keyword : List.of("type", "const", "enum", "pattern", "oneOf", "anyOf", "items", "description")) {
            Object value = schema.get(keyword);
            if (value == null) {
                continue;
            }
            if (value instanceof List<?> list && (keyword.equals("oneOf") || keyword.equals("anyOf"))) {
                out.append(keyword).append(": ");
                list.forEach(option -> out.append(schemaLink(map(option))).append("; "));
            } else if (keyword.equals("items")) {
                out.append("items: ").append(schemaLink(map(value)));
            } else {
                out.append(keyword.equals("description") || keyword.equals("type") ? "" : keyword + ": ")
                        .append("<code>").append(Html.escape(String.valueOf(value))).append("</code> ");
            }
        }
        Map<String, Object> properties = map(schema.get("properties"));
        if (!properties.isEmpty() && schema.containsKey("$ref")) {
            properties.forEach((field, property) -> out.append("<br><code>").append(Html.escape(field)).append("</code> ")
                    .append(schemaLink(map(property))));
        }
        return out.toString().trim();
    }

    private static String refName(Map<String, Object> node) {
        String ref = String.valueOf(node.get("$ref"));
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
