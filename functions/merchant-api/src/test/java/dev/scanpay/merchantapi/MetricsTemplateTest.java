package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.testkit.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's alarms and dashboard against the metrics the code emits: every alarm on the gateway's namespace
 * names a metric {@link Metrics.Name} declares, with exactly its dimensions, that core's code really puts
 * (MetricsTest sees the lines); no alarm counts log wording any more; the functions are told the namespace the
 * alarms read; and the dashboard shows every declared metric and every alarm.
 */
class MetricsTemplateTest {

    private static final Map<String, Object> NAMESPACE = Map.of("Fn::Sub", "Scanpay/${AWS::StackName}");

    private final SamTemplate template = SamTemplate.load();

    private Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        SamTemplate.map(template.raw().get("Resources")).forEach((id, resource) -> {
            if (type.equals(SamTemplate.map(resource).get("Type"))) {
                found.put(id, SamTemplate.map(SamTemplate.map(resource).get("Properties")));
            }
        });
        return found;
    }

    private static Optional<Metrics.Name> declared(Object metricName) {
        return Arrays.stream(Metrics.Name.values()).filter(n -> n.metricName().equals(metricName)).findFirst();
    }

    /** Core's main sources, but for the declaration itself: where a metric is put. */
    private static String coreCode() {
        Path main = SamTemplate.ROOT.resolve("functions/core/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Metrics.java"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyAlarmNamesAMetricTheCodeEmitsWithItsDimensions() {
        Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        assertThat(alarms).isNotEmpty();
        String code = coreCode();
        for (Map.Entry<String, Map<String, Object>> alarm : alarms.entrySet()) {
            Map<String, Object> properties = alarm.getValue();
            if (String.valueOf(properties.get("Namespace")).startsWith("AWS/")) {
                continue;   // an AWS service's own metric (the notifier's dead-letter queue)
            }
            assertThat(properties.get("Namespace")).as(alarm.getKey()).isEqualTo(NAMESPACE);
            Metrics.Name metric = declared(properties.get("MetricName"))
                    .orElseThrow(() -> new AssertionError(alarm.getKey() + " names " + properties.get("MetricName")
                            + ", which dev.scanpay.core.observe.Metrics does not declare"));
            List<?> dimensions = (List<?>) properties.getOrDefault("Dimensions", List.of());
            assertThat(dimensions.stream().map(d -> SamTemplate.map(d).get("Name")).toList()).as(alarm.getKey())
                    .isEqualTo(metric.dimensions());
            assertThat(code).as(alarm.getKey() + ": somewhere core puts " + metric)
                    .containsPattern("Metrics\\.Name\\." + metric.name() + "\\b");
        }
        assertThat(alarms.keySet()).contains("NotificationsDeadLetteredAlarm", "PaymentsPastDeadlineAlarm",
                "RefundsWithoutVerdictAlarm", "CancelsUnconfirmedAlarm", "WalletAnswerMismatchAlarm", "SweeperLagAlarm");
    }

    @Test
    void noAlarmCountsLogWording() {
        assertThat(resourcesOfType("AWS::Logs::MetricFilter")).isEmpty();
    }

    @Test
    void theFunctionsAreToldTheNamespaceTheAlarmsRead() {
        Map<String, Object> globals = SamTemplate.map(SamTemplate.map(template.raw().get("Globals")).get("Function"));
        Map<String, Object> variables = SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables"));
        assertThat(variables.get("SCANPAY_METRICS_NAMESPACE")).isEqualTo(NAMESPACE);
        assertThat(GatewayConfig.defaults()).containsKey("scanpay.metrics.namespace");
    }

    @Test
    void theDashboardShowsEveryDeclaredMetricAndEveryAlarm() {
        Map<String, Object> dashboard = resourcesOfType("AWS::CloudWatch::Dashboard").get("OperationsDashboard");
        String body = (String) SamTemplate.map(dashboard.get("DashboardBody")).get("Fn::Sub");
        // ["Scanpay/${AWS::StackName}", "Name"] and SEARCH('{Scanpay/${AWS::StackName},...} MetricName="Name"', ...)
        Matcher named = Pattern.compile("\"Scanpay/\\$\\{AWS::StackName}\", \"(\\w+)\"|MetricName=\\\\\"(\\w+)\\\\\"").matcher(body);
        Set<String> shown = new java.util.HashSet<>();
        while (named.find()) {
            shown.add(named.group(1) != null ? named.group(1) : named.group(2));
        }
        assertThat(shown).as("every metric on the dashboard is declared")
                .allSatisfy(name -> assertThat(declared(name)).as(name).isPresent());
        assertThat(shown).as("every declared metric is on the dashboard")
                .containsAll(Arrays.stream(Metrics.Name.values()).map(Metrics.Name::metricName).toList());
        for (String alarm : resourcesOfType("AWS::CloudWatch::Alarm").keySet()) {
            assertThat(body).as(alarm).contains("${" + alarm + ".Arn}");
        }
    }
}
