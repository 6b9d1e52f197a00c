package dev.scanpay.testkit;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.observe.EmfMetrics;
import dev.scanpay.core.observe.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Embedded Metric Format lines the gateway writes, as the library serialized them, in place of stdout, read back:
 * register {@link #metrics} as the context's {@link Metrics} and read what a flow emitted.
 */
public final class EmfCapture extends EmfMetrics.Lines {

    public static final String NAMESPACE = "Scanpay/test";

    /** One metric of one EMF line, read back from its JSON. */
    public record Emitted(String namespace, String name, String unit, Map<String, String> dimensions, double value,
                          String function, String line) {
    }

    private final Json json = Json.standalone();
    public final EmfMetrics metrics = new EmfMetrics(NAMESPACE, "test", this);

    /** Every metric of every line, in order. */
    @SuppressWarnings("unchecked")
    public List<Emitted> emitted() {
        List<Emitted> all = new ArrayList<>();
        for (String line : lines()) {
            Map<String, Object> root = json.parseObject(line.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> aws = (Map<String, Object>) root.get("_aws");
            for (Object directive : (List<Object>) aws.get("CloudWatchMetrics")) {
                Map<String, Object> d = (Map<String, Object>) directive;
                List<List<String>> dimensionSets = (List<List<String>>) d.get("Dimensions");
                for (Object metric : (List<Object>) d.get("Metrics")) {
                    Map<String, Object> m = (Map<String, Object>) metric;
                    String name = (String) m.get("Name");
                    for (List<String> set : dimensionSets) {
                        Map<String, String> dimensions = new LinkedHashMap<>();
                        set.forEach(k -> dimensions.put(k, String.valueOf(root.get(k))));
                        all.add(new Emitted((String) d.get("Namespace"), name, (String) m.get("Unit"), dimensions,
                                ((Number) root.get(name)).doubleValue(), (String) root.get(EmfMetrics.FUNCTION_PROPERTY), line));
                    }
                }
            }
        }
        return all;
    }

    /** The metrics of this name, in order. */
    public List<Emitted> of(Metrics.Name name) {
        return emitted().stream().filter(e -> e.name().equals(name.metricName())).toList();
    }

    /** The sum of a metric's values under exactly these dimension values (in {@link Metrics.Name#dimensions()} order). */
    public double sum(Metrics.Name name, String... dimensionValues) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < dimensionValues.length; i++) {
            wanted.put(name.dimensions().get(i), dimensionValues[i]);
        }
        return of(name).stream().filter(e -> e.dimensions().equals(wanted)).mapToDouble(Emitted::value).sum();
    }
}
