package dev.scanpay.sweeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.rules.NotificationSchedule;
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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One merchant's endpoint drips its answer, or answers megabytes; another's is well-behaved. In the same
 * run of the real sweeper handler the well-behaved merchant is notified at once, the hostile attempts are
 * counted with their category, and the run ends at the notification deadline (2 s here, shorter than the
 * deployed 5 s so the test does not wait it out), not when the hostile endpoint lets go.
 */
@Tag("e2e")
class SlowMerchantSweepTest {

    private static final KeyPair GATEWAY_KEYS = RsaKeys.generate();
    private final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private final String table = "scanpay-slow-" + UUID.randomUUID();
    private final DynamoDbClient db = EmbeddedDynamo.shared().client();
    private ApplicationContext context;
    private StatusSweeperHandler handler;
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
                        "scanpay.outbound.notify-timeout", "2s",
                        "scanpay.sweeper.budget", "6s"))
                .singletons(clock)
                .start();
        handler = new StatusSweeperHandler(context);
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
    void aDrippingOrHugeEndpointDoesNotHoldUpAnotherMerchantsNotification() throws Exception {
        try (SlowEndpoint drip = new SlowEndpoint(SlowEndpoint.Mode.DRIP);
             SlowEndpoint dripHugeLength = new SlowEndpoint(SlowEndpoint.Mode.DRIP_HUGE_LENGTH);
             SlowEndpoint huge = new SlowEndpoint(SlowEndpoint.Mode.HUGE_CHUNKED)) {
            // a warm instance, as Lambda's after its first invocation: classes loaded, connections known
            due("N-warm", receiver.url(), Duration.ZERO);
            handler.handleRequest(scheduledEvent(), new TestLambdaContext());
            assertThat(receiver.received()).hasSize(1);

            // the hostile ones are due first, so a sender that takes them in order meets them first
            due("N-drip", drip.url(), Duration.ofSeconds(3));
            due("N-drip-huge", dripHugeLength.url(), Duration.ofSeconds(2));
            due("N-huge", huge.url(), Duration.ofSeconds(1));
            due("N-good", receiver.url(), Duration.ZERO);

            long start = System.nanoTime();
            CompletableFuture<StatusSweeperHandler.Report> run = CompletableFuture.supplyAsync(
                    () -> handler.handleRequest(scheduledEvent(), new TestLambdaContext()));
            long deliveredAfterMs = waitForDelivery(Duration.ofSeconds(40), start);
            StatusSweeperHandler.Report report = run.get(60, TimeUnit.SECONDS);
            long runMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("Sweeper run with a drip endpoint due: %d ms (well-behaved merchant notified after %d ms)%n",
                    runMs, deliveredAfterMs);

            assertThat(deliveredAfterMs).as("the well-behaved merchant is notified at once").isLessThan(2_000);
            assertThat(runMs).as("the run ends at the 2 s deadline, not when the drip stops").isLessThan(9_000);
            assertThat(report.handled()).isEqualTo(4);
            assertThat(stored("N-good").status()).isEqualTo(NotificationStatus.DELIVERED);
            assertCountedAndRescheduled("N-drip", "TIMEOUT");
            assertCountedAndRescheduled("N-drip-huge", "ANSWER_TOO_LARGE");
            assertCountedAndRescheduled("N-huge", "ANSWER_TOO_LARGE");
        }
    }

    @Test
    void aMerchantOwedManyNotificationsAtASlowEndpointTakesOnlyItsShareOfARound() throws Exception {
        try (SlowEndpoint drip = new SlowEndpoint(SlowEndpoint.Mode.DRIP)) {
            due("N-warm-2", receiver.url(), Duration.ZERO);
            handler.handleRequest(scheduledEvent(), new TestLambdaContext());
            int before = receiver.received().size();

            // one merchant owes itself 20 notifications at a dripping endpoint, all due before the other's one
            for (int i = 0; i < 20; i++) {
                due("N-flood-" + i, "FLOOD", drip.url(), Duration.ofSeconds(60 - i));
            }
            due("N-other", receiver.url(), Duration.ZERO);

            long start = System.nanoTime();
            CompletableFuture<StatusSweeperHandler.Report> run = CompletableFuture.supplyAsync(
                    () -> handler.handleRequest(scheduledEvent(), new TestLambdaContext()));
            long end = start + Duration.ofSeconds(40).toNanos();
            while (receiver.received().size() <= before && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            long deliveredAfterMs = (System.nanoTime() - start) / 1_000_000;
            run.get(90, TimeUnit.SECONDS);
            System.out.printf("Other merchant notified after %d ms with 20 slow notifications of one merchant due first%n",
                    deliveredAfterMs);

            // 16 places in a round, 4 of them the flood's: the other merchant is in the first round, not the second
            assertThat(deliveredAfterMs).as("the other merchant is notified in the first round").isLessThan(3_000);
            assertThat(stored("N-other").status()).isEqualTo(NotificationStatus.DELIVERED);
        }
    }

    @Test
    void anAnswerTooLargeFailsLikeAnyOtherFailureUntilDeadLettered() {
        try (SlowEndpoint huge = new SlowEndpoint(SlowEndpoint.Mode.HUGE_CHUNKED)) {
            due("N-huge-dead", huge.url(), Duration.ZERO);
            for (int attempt = 1; attempt <= NotificationSchedule.maxAttempts(); attempt++) {
                handler.handleRequest(scheduledEvent(), new TestLambdaContext());
                MerchantNotification n = stored("N-huge-dead");
                assertThat(n.attempts()).isEqualTo(attempt);
                assertThat(n.lastProblem()).isEqualTo("ANSWER_TOO_LARGE");
                if (n.nextCheckAt() != null) {
                    clock.set(n.nextCheckAt());
                }
            }
            MerchantNotification dead = stored("N-huge-dead");
            assertThat(dead.status()).isEqualTo(NotificationStatus.DEAD_LETTERED);
            assertThat(huge.requests()).isEqualTo(NotificationSchedule.maxAttempts());
        }
    }

    private void assertCountedAndRescheduled(String id, String problem) {
        MerchantNotification n = stored(id);
        assertThat(n.status()).as(id).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.attempts()).as(id).isEqualTo(1);
        assertThat(n.lastProblem()).as(id).isEqualTo(problem);
        assertThat(n.nextCheckAt()).as(id).isEqualTo(clock.instant().plus(NotificationSchedule.gapAfter(1).orElseThrow()));
    }

    /** Real time from {@code start} until the receiver has the notification (an outcome over HTTP, not a timer). */
    private long waitForDelivery(Duration atMost, long start) throws InterruptedException {
        long end = start + atMost.toNanos();
        while (receiver.received().size() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void due(String id, String url, Duration ago) {
        due(id, "MERCHANT", url, ago);
    }

    private void due(String id, String clientId, String url, Duration ago) {
        MerchantNotification n = new MerchantNotification(id, id + "-payment", clientId, url,
                "{\"notifyType\":\"PAYMENT_RESULT\",\"notifyId\":\"" + id + "\",\"result\":{\"resultStatus\":\"F\",\"resultCode\":\"ORDER_IS_CLOSED\"}}",
                "F", NotificationStatus.PENDING, 0, clock.instant().minus(ago), clock.instant().minus(ago), null, null, 0);
        db.putItem(b -> b.tableName(table).item(context.getBean(NotificationStore.class).item(n)));
    }

    private MerchantNotification stored(String id) {
        return context.getBean(NotificationStore.class).get(id).orElseThrow();
    }

    private ScheduledEvent scheduledEvent() {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setTime(new DateTime(clock.millis()));
        return event;
    }
}
