package dev.scanpay.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.observe.Metrics;
import dev.scanpay.testkit.SamTemplate;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The notifier and the alarms in template.yaml against the code: the jar and handler, the stream event
 * filtered to new notifications with a dead-letter destination, and the alarms on what fails to be delivered.
 */
class NotifierTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void notifierIsFedNewNotificationsFromTheTableStream() throws Exception {
        Map<String, Object> properties = template.properties("NotifierFunction");
        assertThat(properties.get("CodeUri")).isEqualTo("functions/notifier/target/notifier-lambda.jar");
        assertThat(Files.readString(SamTemplate.ROOT.resolve("functions/notifier/pom.xml")))
                .contains("<outputFile>${project.build.directory}/notifier-lambda.jar</outputFile>");
        assertThat(properties.get("Handler")).isEqualTo(NotifierHandler.class.getName());
        Map<String, Object> event = SamTemplate.map(SamTemplate.map(properties.get("Events")).get("Outbox"));
        assertThat(event.get("Type")).isEqualTo("DynamoDB");
        Map<String, Object> stream = SamTemplate.map(event.get("Properties"));
        assertThat(stream.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", List.of("ScanpayTable", "StreamArn")));
        assertThat(stream.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        String pattern = (String) SamTemplate.map(((List<?>) SamTemplate.map(stream.get("FilterCriteria")).get("Filters")).get(0))
                .get("Pattern");
        assertThat(pattern).contains("\"INSERT\"").contains("\"NTF\"");
        assertThat(SamTemplate.map(SamTemplate.map(stream.get("DestinationConfig")).get("OnFailure")).get("Destination"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("NotifierDeadLetterQueue", "Arn")));
        Map<String, Object> table = template.properties("ScanpayTable");
        assertThat(SamTemplate.map(table.get("StreamSpecification")).get("StreamViewType")).isNotNull();
    }

    @Test
    void notificationAlarmsCountTheGatewaysMetricsAndTheQueue() {
        for (String alarm : List.of("NotificationsDeadLetteredAlarm", "PaymentsPastDeadlineAlarm", "NotifierDeadLetterAlarm")) {
            assertThat(template.resource(alarm).get("Type")).as(alarm).isEqualTo("AWS::CloudWatch::Alarm");
        }
        // the metrics are the code's own (MetricsTemplateTest in merchant-api checks every alarm against them)
        assertThat(template.properties("NotificationsDeadLetteredAlarm").get("MetricName"))
                .isEqualTo(Metrics.Name.NOTIFICATIONS_DEAD_LETTERED.metricName());
        assertThat(template.properties("PaymentsPastDeadlineAlarm").get("MetricName"))
                .isEqualTo(Metrics.Name.PAYMENTS_PAST_DEADLINE.metricName());
        assertThat(template.properties("NotifierDeadLetterAlarm").get("Namespace")).isEqualTo("AWS/SQS");
    }
}
