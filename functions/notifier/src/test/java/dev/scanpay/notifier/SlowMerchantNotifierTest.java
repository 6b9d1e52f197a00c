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
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.SlowEndpoint;
import io.micronaut.context.ApplicationContext;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A notifier batch (the table's stream) holding a dripping merchant's notification before a well-behaved
 * one's: the well-behaved merchant is notified at once, the drip attempt is counted as TIMEOUT, and the
 * batch ends at the notification deadline (2 s here, shorter than the deployed 5 s so the test does not
 * wait it out).
 */
@Tag("e2e")
class SlowMerchantNotifierTest {

    private static final KeyPair GATEWAY_KEYS = RsaKeys.generate();
    private final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private final String table = "scanpay-notifier-" + UUID.randomUUID();
    private final DynamoDbClient db = EmbeddedDynamo.shared().client();
    private ApplicationContext context;
    private NotifierHandler handler;
    private MerchantReceiver receiver;

    @BeforeEach
    void start() {
        ScanpayTable.ensure(db, table);
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "scanpay.table", table,
                        "scanpay.dynamodb.endpoint", EmbeddedDynamo.shared().endpoint(),
                        "scanpay.gateway.key.private-key", RsaKeys.encode(GATEWAY_KEYS.getPrivate()),
                        "scanpay.outbound.allow-loopback", true,
                        "scanpay.outbound.require-https", false,
                        "scanpay.outbound.notify-timeout", "2s"))
                .singletons(clock)
                .start();
        handler = new NotifierHandler(context);
        receiver = new MerchantReceiver(clock, GATEWAY_KEYS.getPublic());
    }

    @AfterEach
    void stop() {
        receiver.close();
        handler.close();
        db.deleteTable(b -> b.tableName(table));
    }

    @Test
    // a client without a deadline on the body waits on the drip for as long as it lasts: fail, do not hang
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDrippingEndpointDoesNotHoldUpTheRestOfTheBatch() throws Exception {
        try (SlowEndpoint drip = new SlowEndpoint(SlowEndpoint.Mode.DRIP)) {
            // warm: classes loaded and the table read once, as in an instance that has run before
            stored("N-warm", receiver.url());
            handler.handleRequest(batch("N-warm"), new TestLambdaContext());
            assertThat(receiver.received()).hasSize(1);
            stored("N-drip", drip.url());
            stored("N-good", receiver.url());

            long start = System.nanoTime();
            CompletableFuture<StreamsEventResponse> run = CompletableFuture.supplyAsync(
                    () -> handler.handleRequest(batch("N-drip", "N-good"), new TestLambdaContext()));
            while (receiver.received().size() < 2 && System.nanoTime() - start < 40_000_000_000L) {
                Thread.sleep(10);
            }
            long deliveredAfterMs = (System.nanoTime() - start) / 1_000_000;
            StreamsEventResponse response = run.get(60, TimeUnit.SECONDS);
            long batchMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("Notifier batch with a drip endpoint: %d ms (well-behaved merchant notified after %d ms)%n",
                    batchMs, deliveredAfterMs);

            assertThat(deliveredAfterMs).isLessThan(2_000);
            assertThat(batchMs).isLessThan(9_000);
            assertThat(response.getBatchItemFailures()).as("a failed attempt is the sweeper's to retry, not the stream's").isEmpty();
            NotificationStore store = context.getBean(NotificationStore.class);
            assertThat(store.get("N-good").orElseThrow().status()).isEqualTo(NotificationStatus.DELIVERED);
            MerchantNotification dripped = store.get("N-drip").orElseThrow();
            assertThat(dripped.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(dripped.attempts()).isEqualTo(1);
            assertThat(dripped.lastProblem()).isEqualTo("TIMEOUT");
        }
    }

    private void stored(String id, String url) {
        MerchantNotification n = new MerchantNotification(id, id + "-payment", "MERCHANT", url,
                "{\"notifyType\":\"PAYMENT_RESULT\",\"notifyId\":\"" + id + "\",\"result\":{\"resultStatus\":\"F\",\"resultCode\":\"ORDER_IS_CLOSED\"}}",
                "F", NotificationStatus.PENDING, 0, clock.instant(), clock.instant(), null, null, 0);
        db.putItem(b -> b.tableName(table).item(context.getBean(NotificationStore.class).item(n)));
    }

    private static DynamodbEvent batch(String... ids) {
        DynamodbEvent event = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> records = new java.util.ArrayList<>();
        int sequence = 100;
        for (String id : ids) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setDynamodb(new StreamRecord()
                    .withKeys(Map.of("pk", new AttributeValue().withS("NTF#" + id), "sk", new AttributeValue().withS("NTF")))
                    .withSequenceNumber(Integer.toString(sequence++)));
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }
}
