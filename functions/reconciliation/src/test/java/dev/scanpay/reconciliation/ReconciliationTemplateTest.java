package dev.scanpay.reconciliation;

import static dev.scanpay.testkit.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.service.reconcile.BreakType;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.testkit.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the reconciliation code: the handler and its daily schedule, the reports bucket
 * (encrypted, versioned, aged out, never public), and for each break type an alarm on the metric the run
 * emits for it.
 */
class ReconciliationTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theFunctionRunsDailyAtMidnightUtcWhichIsEightInTheMorningUtcPlusEight() {
        Map<String, Object> function = template.properties("ReconciliationFunction");
        assertThat(function.get("Handler")).isEqualTo(ReconciliationHandler.class.getName());
        Map<String, Object> schedule = map(map(map(function.get("Events")).get("Daily")).get("Properties"));
        assertThat(schedule.get("Schedule")).isEqualTo("cron(0 0 * * ? *)");
        assertThat(map(map(function.get("Environment")).get("Variables")).get("SCANPAY_REPORTS_BUCKET"))
                .isEqualTo(Map.of("Ref", "ReportsBucket"));
    }

    @Test
    void theBucketIsEncryptedVersionedAgedOutAndNeverPublic() {
        Map<String, Object> bucket = template.properties("ReportsBucket");
        assertThat(bucket).containsKeys("BucketEncryption", "LifecycleConfiguration");
        assertThat(map(bucket.get("VersioningConfiguration")).get("Status")).isEqualTo("Enabled");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).containsOnly(true).hasSize(4);
    }

    @Test
    void everyBreakTypeHasAnAlarmOnTheMetricTheRunEmitsForIt() {
        for (BreakType type : BreakType.values()) {
            Map<String, Object> alarm = template.properties("Breaks" + camel(type) + "Alarm");
            assertThat(alarm.get("MetricName")).isEqualTo(Metrics.Name.BREAKS_FOUND.metricName());
            assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", Metrics.BREAK_TYPE, "Value", type.name())));
            assertThat(alarm.get("Period")).as("the run is daily").isEqualTo(86400);
        }
        assertThat(template.properties("WalletRecordsUnreadAlarm").get("MetricName"))
                .isEqualTo(Metrics.Name.WALLET_RECORDS_UNREAD.metricName());
    }

    private static String camel(BreakType type) {
        StringBuilder out = new StringBuilder();
        for (String word : type.name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return out.toString();
    }
}
