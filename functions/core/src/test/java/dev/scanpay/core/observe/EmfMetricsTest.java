package dev.scanpay.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit: what one EMF line holds, read back from the library's serialization. */
class EmfMetricsTest {

    private final EmfMetrics.Lines sink = new EmfMetrics.Lines();

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyLine() {
        assertThat(sink.lines()).hasSize(1);
        return Json.standalone().parseObject(sink.lines().get(0).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLineCarriesTheMetricUnderExactlyItsDimensionsWithTheFunctionAsAProperty() {
        new EmfMetrics("Scanpay/prod", "prod-merchant-api", sink).count(Metrics.Name.PAYMENTS, "USER_PRESENTED", "SUCCESS");

        Map<String, Object> line = onlyLine();
        Map<String, Object> directive = ((List<Map<String, Object>>) ((Map<String, Object>) line.get("_aws"))
                .get("CloudWatchMetrics")).get(0);
        assertThat(directive.get("Namespace")).isEqualTo("Scanpay/prod");
        assertThat(directive.get("Dimensions")).isEqualTo(List.of(List.of("Scenario", "Result")));
        assertThat(directive.get("Metrics")).isEqualTo(List.of(Map.of("Name", "Payments", "Unit", "Count")));
        assertThat(line).containsEntry("Scenario", "USER_PRESENTED").containsEntry("Result", "SUCCESS")
                .containsEntry("function", "prod-merchant-api")
                .doesNotContainKeys("ServiceName", "ServiceType", "LogGroup");
        assertThat(((Number) line.get("Payments")).doubleValue()).isEqualTo(1.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMetricWithoutDimensionsHasOneEmptyDimensionSet() {
        new EmfMetrics("Scanpay", "local", sink).put(Metrics.Name.SWEEPER_LAG, 42.5);

        Map<String, Object> line = onlyLine();
        Map<String, Object> directive = ((List<Map<String, Object>>) ((Map<String, Object>) line.get("_aws"))
                .get("CloudWatchMetrics")).get(0);
        assertThat(directive.get("Dimensions")).isEqualTo(List.of(List.of()));
        assertThat(directive.get("Metrics")).isEqualTo(List.of(Map.of("Name", "SweeperLag", "Unit", "Seconds")));
        assertThat(((Number) line.get("SweeperLag")).doubleValue()).isEqualTo(42.5);
    }

    @Test
    void primingWritesNothingToStdout() {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed));
        try {
            EmfMetrics.prime();
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void aMisusedMetricIsDroppedNotThrown() {
        new EmfMetrics("Scanpay", "local", sink).count(Metrics.Name.PAYMENTS, "USER_PRESENTED");   // one dimension short

        assertThat(sink.lines()).isEmpty();
    }

    @Test
    void noMetricIsKeyedByAnIdentifier() {
        for (Metrics.Name name : Metrics.Name.values()) {
            assertThat(name.dimensions()).as(name.metricName())
                    .isSubsetOf(Metrics.SCENARIO, Metrics.RESULT, Metrics.WALLET_ID, Metrics.OPERATION, Metrics.OUTCOME,
                            Metrics.BREAK_TYPE);
        }
    }
}
