package dev.scanpay.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.testing.MutableClock;
import dev.scanpay.testing.TestLambdaContext;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.DynamoCalls;
import io.micronaut.context.ApplicationContext;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real handler class fed DynamoDB stream events, with DynamoDB Local and a merchant's notify URL on loopback. */
@Tag("e2e")
class NotifierHandlerTest {

    private static final MutableClock CLOCK = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private static final KeyPair GATEWAY_KEYS = RsaKeys.generate();
    private static final String TABLE = "scanpay-" + UUID.randomUUID();
    private static DynamoDbClient db;
    private static ApplicationContext context;
    /** The function's DynamoDB client: every call recorded, and checked against its policy at the end. */
    private static DynamoCalls dynamoCalls;
    private static NotifierHandler handler;
    private static MerchantReceiver receiver;

    @BeforeAll
    static void start() {
        EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
        db = dynamo.client();
        ScanpayTable.ensure(db, TABLE);
        dynamoCalls = DynamoCalls.recording(dynamo.client());
        context = ApplicationContext.builder()
                .properties(Map.of("scanpay.outbound.allow-loopback", true, "scanpay.outbound.require-https", false))
                .properties(Map.of(
                        "scanpay.table", TABLE,
                        "scanpay.dynamodb.endpoint", dynamo.endpoint(),
                        "scanpay.gateway.key.private-key", RsaKeys.encode(GATEWAY_KEYS.getPrivate())))
                .singletons(CLOCK, dynamoCalls.client())
                .start();
        handler = new NotifierHandler(context);
        receiver = new MerchantReceiver(CLOCK, GATEWAY_KEYS.getPublic());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        handler.close();
        db.deleteTable(b -> b.tableName(TABLE));
        dynamoCalls.reportAndAssertWithinPolicies();
    }

    private MerchantNotification stored(String id) {
        MerchantNotification n = new MerchantNotification(id, id + "-payment", "MERCHANT", receiver.url(),
                "{\"notifyType\":\"PAYMENT_RESULT\",\"notifyId\":\"" + id + "\",\"result\":{\"resultStatus\":\"F\",\"resultCode\":\"ORDER_IS_CLOSED\"}}",
                "F", NotificationStatus.PENDING, 0, CLOCK.instant(), CLOCK.instant(), null, null, 0);
        NotificationStore store = context.getBean(NotificationStore.class);
        db.putItem(b -> b.tableName(TABLE).item(store.item(n)));
        return n;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String eventName, String pk, String sk, String sequence) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of("pk", new AttributeValue().withS(pk), "sk", new AttributeValue().withS(sk)))
                .withSequenceNumber(sequence));
        return record;
    }

    @Test
    void aNewNotificationIsDeliveredAtOnceAndOtherRecordsAreIgnored() {
        stored("N-stream-1");
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(
                record("INSERT", "PAY#123", "PAY", "100"),
                record("INSERT", "NTF#N-stream-1", "NTF", "101"),
                record("MODIFY", "NTF#N-stream-1", "NTF", "102"),
                record("INSERT", "NTF#N-never-written", "NTF", "103")));

        StreamsEventResponse response = handler.handleRequest(event, new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.notifyId()).isEqualTo("N-stream-1");
            assertThat(r.signatureValid()).isTrue();
        });
        assertThat(context.getBean(NotificationStore.class).get("N-stream-1").orElseThrow().status())
                .isEqualTo(NotificationStatus.DELIVERED);

        handler.handleRequest(event, new TestLambdaContext());
        assertThat(receiver.received()).as("a replayed record sends nothing more").hasSize(1);
    }

    @Test
    void aBatchIsOneJsonSummaryLineAndEachAttemptOneLineOfTheSameInvocation() {
        stored("N-logs-1");
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record("INSERT", "NTF#N-logs-1", "NTF", "200"), record("INSERT", "PAY#9", "PAY", "201")));
        TestLambdaContext invocation = new TestLambdaContext();

        JsonLogLines logs = JsonLogLines.during(() -> handler.handleRequest(event, invocation));

        assertThat(logs.summaries()).singleElement().satisfies(summary -> {
            assertThat(summary.path("route").asText()).isEqualTo("notify");
            assertThat(summary.path("requestId").asText()).as("the Lambda invocation").isEqualTo(invocation.getAwsRequestId());
            assertThat(summary.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(summary.path("records").asInt()).isEqualTo(2);
            assertThat(summary.path("failed").asInt()).isZero();
            assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(summary.path("function").asText()).isNotBlank();
            assertThat(summary.path("time").asText()).isNotBlank();
        });
        assertThat(logs.calls()).singleElement().satisfies(call -> {
            assertThat(call.path("target").asText()).isEqualTo("merchant");
            assertThat(call.path("targetId").asText()).isEqualTo("MERCHANT");
            assertThat(call.path("outcome").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(call.path("notificationId").asText()).isEqualTo("N-logs-1");
            assertThat(call.path("paymentId").asText()).isEqualTo("N-logs-1-payment");
            assertThat(call.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(call.path("requestId").asText()).as("sent on a pool thread, for the same invocation")
                    .isEqualTo(invocation.getAwsRequestId());
        });
    }
}
