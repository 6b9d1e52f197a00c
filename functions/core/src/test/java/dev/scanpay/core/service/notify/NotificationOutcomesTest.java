package dev.scanpay.core.service.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.NotificationMachine;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Recording an attempt's outcome over DynamoDB Local through a client that loses answers (the write lands, the
 * caller hears an error) or fails writes (nothing lands): the outcome survives both within its tries, a landed try
 * is recognised as ours, and another writer's change is never taken for it.
 */
@Tag("integration")
class NotificationOutcomesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicInteger writesToFail = new AtomicInteger();
    private DynamoDbClient real;
    private String table;
    private NotificationStore store;
    private NotificationStore direct;
    private NotificationOutcomes outcomes;

    @BeforeEach
    void store() {
        real = EmbeddedDynamo.shared().client();
        table = DynamoTables.fresh(real);
        DynamoDbClient faulty = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    boolean write = method.getName().equals("putItem") || method.getName().equals("transactWriteItems");
                    if (write && writesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw SdkClientException.create("write failed (test fault)");
                    }
                    Object answer;
                    try {
                        answer = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (write && answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw SdkClientException.create("answer lost (test fault)");
                    }
                    return answer;
                });
        store = new NotificationStore(faulty, table);
        direct = new NotificationStore(real, table);
        outcomes = new NotificationOutcomes(store);
    }

    private MerchantNotification claimed(String id) {
        MerchantNotification n = new MerchantNotification(id, "P-" + id, "C1", "https://m.example/n", "{}", "F",
                NotificationStatus.PENDING, 0, T0, T0, null, null, 0);
        real.putItem(b -> b.tableName(table).item(direct.item(n)));
        return direct.apply(n, NotificationMachine.claim(n, T0.plusSeconds(15))).orElseThrow();
    }

    @Test
    void aDeliveredMarkWhoseAnswerIsLostIsRecognisedAsWritten() {
        MerchantNotification claimed = claimed("N-LOST");
        answersToLose.set(1);

        MerchantNotification written = outcomes.record(claimed, NotificationMachine.delivered(claimed, T0.plusSeconds(1))).orElseThrow();

        assertThat(written.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(written.attempts()).isEqualTo(1);
        assertThat(direct.get("N-LOST").orElseThrow().status()).isEqualTo(NotificationStatus.DELIVERED);
    }

    @Test
    void aDeadLetterWhoseAnswerIsLostIsRecognisedAsWritten() {
        MerchantNotification claimed = claimed("N-LOST-DEAD");
        answersToLose.set(1);

        assertThat(outcomes.record(claimed, NotificationMachine.deadLettered(claimed, "TIMEOUT")))
                .hasValueSatisfying(n -> assertThat(n.status()).isEqualTo(NotificationStatus.DEAD_LETTERED));
    }

    @Test
    void failedWritesAreTriedAgainUpToTheirTries() {
        MerchantNotification claimed = claimed("N-FAILS");
        writesToFail.set(NotificationOutcomes.TRIES - 1);

        assertThat(outcomes.record(claimed, NotificationMachine.attemptFailed(claimed, T0.plusSeconds(120), "HTTP_5XX")))
                .hasValueSatisfying(n -> assertThat(n.attempts()).isEqualTo(1));
        assertThat(direct.get("N-FAILS").orElseThrow().nextCheckAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void anOutcomeThatCannotBeWrittenFailsAndLeavesTheClaim() {
        MerchantNotification claimed = claimed("N-DOWN");
        writesToFail.set(NotificationOutcomes.TRIES);

        assertThatThrownBy(() -> outcomes.record(claimed, NotificationMachine.delivered(claimed, T0.plusSeconds(1))))
                .isInstanceOf(SdkClientException.class);
        MerchantNotification stored = direct.get("N-DOWN").orElseThrow();
        assertThat(stored.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.unrecordedSends()).isEqualTo(1);
    }

    @Test
    void anotherWritersChangeIsNotTakenForOurs() {
        MerchantNotification claimed = claimed("N-OTHER");
        // the lease ended and another sender claimed the next send before our first try's retry
        writesToFail.set(1);
        direct.apply(claimed, NotificationMachine.claim(claimed, T0.plusSeconds(30))).orElseThrow();

        assertThat(outcomes.record(claimed, NotificationMachine.delivered(claimed, T0.plusSeconds(1)))).isEmpty();
        assertThat(direct.get("N-OTHER").orElseThrow().status()).isEqualTo(NotificationStatus.PENDING);
    }
}
