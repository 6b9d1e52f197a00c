package dev.scanpay.core.observe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ConsoleSink;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * {@link Metrics} as CloudWatch Embedded Metric Format: each value is one JSON line written by the
 * aws-embedded-metrics library to its sink. Deployed, the sink is stdout, which Lambda sends to the function's
 * log group, where CloudWatch turns the line into a metric; no agent and no network call is involved. The
 * environment is fixed here rather than detected, so the library never probes for a CloudWatch agent (locally
 * and in tests the lines go to stdout too, or to a sink a test reads).
 *
 * <p>Each line carries the metric under exactly its declared dimensions (the library's default ServiceName,
 * ServiceType and LogGroup dimensions are replaced) and the emitting function as a property, not a dimension.
 */
public final class EmfMetrics implements Metrics {

    private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);

    /** The property each line names its function by (Lambda's function name; "local" elsewhere). */
    public static final String FUNCTION_PROPERTY = "function";

    // the library's units, named in full: Metrics.Unit shadows its simple name here
    private static final Map<Unit, software.amazon.cloudwatchlogs.emf.model.Unit> UNITS = Map.of(
            Unit.COUNT, software.amazon.cloudwatchlogs.emf.model.Unit.COUNT,
            Unit.MILLISECONDS, software.amazon.cloudwatchlogs.emf.model.Unit.MILLISECONDS,
            Unit.SECONDS, software.amazon.cloudwatchlogs.emf.model.Unit.SECONDS);

    private final String namespace;
    private final String function;
    private final Environment environment;

    /**
     * @param function the emitting function, a property of each line
     * @param sink     where lines go: the library's {@link ConsoleSink} deployed, a capturing sink in tests
     */
    public EmfMetrics(String namespace, String function, ISink sink) {
        this.namespace = namespace;
        this.function = function;
        this.environment = new FixedEnvironment(sink);
    }

    /** Lines on stdout, named by Lambda's function name (or "local"). */
    public static EmfMetrics toStdout(String namespace) {
        String function = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return new EmfMetrics(namespace, function == null || function.isBlank() ? "local" : function, new ConsoleSink());
    }

    public String namespace() {
        return namespace;
    }

    /**
     * Loads and runs what the first real metric would (the library's logger and its Jackson serialization),
     * writing nothing anywhere: for a cold start's priming, which must not count a metric that did not happen.
     */
    public static void prime() {
        new EmfMetrics("Scanpay/priming", "priming", new Lines()).put(Name.WALLET_CALL_LATENCY, 1, "priming", "priming", "priming");
    }

    /** A sink keeping the lines the library serialized, in memory: what tests read, and priming drops. */
    public static class Lines implements ISink {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void accept(MetricsContext context) {
            try {
                lines.addAll(context.serialize());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }

        /** Every line as written. */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        public void clear() {
            lines.clear();
        }
    }

    @Override
    public void put(Name metric, double value, String... dimensionValues) {
        try {
            if (dimensionValues.length != metric.dimensions().size()) {
                throw new IllegalArgumentException(metric.metricName() + " takes " + metric.dimensions() + ", given "
                        + dimensionValues.length + " values");
            }
            DimensionSet dimensions = new DimensionSet();
            for (int i = 0; i < dimensionValues.length; i++) {
                String v = dimensionValues[i];
                dimensions.addDimension(metric.dimensions().get(i), v == null || v.isBlank() ? "unknown" : v);
            }
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(namespace);
            logger.setDimensions(dimensions);
            logger.putMetric(metric.metricName(), value, UNITS.get(metric.unit()));
            logger.putProperty(FUNCTION_PROPERTY, function);
            logger.flush();
        } catch (RuntimeException e) {
            // a metric is never worth a failed payment
            LOG.warn("Metric {} not written: {}", metric.metricName(), e.toString());
        }
    }

    /** The library's environment, fixed: no detection, no agent, this sink. */
    private record FixedEnvironment(ISink sink) implements Environment {

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "Scanpay";
        }

        @Override
        public String getType() {
            return "Lambda";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        @Override
        public void configureContext(MetricsContext context) {
            // nothing: the lines carry only what EmfMetrics puts in them
        }

        @Override
        public ISink getSink() {
            return sink;
        }
    }
}
