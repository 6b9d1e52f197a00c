package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotificationMachine;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.FaultyDynamo;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The write that marks an acknowledged notification DELIVERED (a PutItem; the claim of a SUCCESS is a transaction)
 * loses its answer or fails, through the real handlers and sweeper over DynamoDB Local. Before, the lease ran out
 * and the next sender sent it again, spending one of the eight attempts. Now a landed mark is recognised, a failed
 * one is tried again, and one that fails for good is repeated as the same attempt, up to the claim guard.
 */
@Tag("e2e")
class DeliveredMarkFaultTest {

    private final AtomicReference<FaultyDynamo> dynamo = new AtomicReference<>();
    private GatewayHarness gateway;
    private MerchantReceiver receiver;
    private SignedMerchant merchant;
    private NotificationStore notifications;
    private Duration lease;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(Adapter.LAMBDA, real -> {
            dynamo.set(new FaultyDynamo(real));
            return dynamo.get().client;
        });
        receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic());
        merchant = gateway.merchant("MERCHANT_DELIVERED_MARK", receiver.url());
        notifications = gateway.context.getBean(NotificationStore.class);
        lease = gateway.context.getBean(GatewayConfig.class).notificationLease();
    }

    @AfterEach
    void stop() {
        receiver.close();
        gateway.close();
    }

    private String paid(String requestId) {
        Map<String, Object> body = userPresented(requestId, "USD", 1_250, gateway.wallet.issuePaymentCode("alice"));
        body.put("paymentNotifyUrl", receiver.url());
        assertThat(merchant.call("pay", body).resultStatus()).isEqualTo("S");
        return MerchantNotices.notificationId(gateway.payments().findByRequest(merchant.clientId, requestId).orElseThrow().paymentId());
    }

    private MerchantNotification notification(String id) {
        return notifications.get(id).orElseThrow();
    }

    @Test
    void aDeliveredMarkWhoseAnswerIsLostIsRecognisedAndNeverSentAgain() {
        String id = paid("PR-MARK-LOST");
        dynamo.get().loseAnswers("putItem", 1);

        gateway.sweep();

        assertThat(receiver.received()).hasSize(1);
        assertThat(notification(id)).returns(NotificationStatus.DELIVERED, MerchantNotification::status)
                .returns(1, MerchantNotification::attempts).returns(1, MerchantNotification::claims);
        gateway.clock.advance(Duration.ofDays(2));
        gateway.sweep();
        assertThat(receiver.received()).as("acknowledged once, sent once").hasSize(1);
    }

    @Test
    void aDeliveredMarkThatFailsOnceIsWrittenByItsRetry() {
        String id = paid("PR-MARK-ERROR");
        dynamo.get().failCalls("putItem", 1);

        gateway.sweep();
        gateway.clock.advance(lease.plusSeconds(1));
        gateway.sweep();

        assertThat(receiver.received()).hasSize(1);
        assertThat(notification(id).status()).isEqualTo(NotificationStatus.DELIVERED);
    }

    @Test
    void aDeliveredMarkThatFailsForGoodIsRepeatedWithoutSpendingAnAttempt() {
        String id = paid("PR-MARK-DOWN");
        dynamo.get().failCalls("putItem", 3);

        gateway.sweep();
        assertThat(receiver.received()).hasSize(1);
        assertThat(notification(id)).as("claimed, its outcome not recorded")
                .returns(NotificationStatus.PENDING, MerchantNotification::status)
                .returns(0, MerchantNotification::attempts).returns(1, MerchantNotification::unrecordedSends);
        gateway.clock.advance(lease.minusSeconds(1));
        gateway.sweep();
        assertThat(receiver.received()).as("nobody else sends it while the lease holds").hasSize(1);

        gateway.clock.advance(Duration.ofSeconds(2));
        gateway.sweep();

        assertThat(receiver.received()).as("repeated once the lease ended").hasSize(2)
                .extracting(MerchantReceiver.Received::notifyId).containsOnly(id);
        assertThat(notification(id)).returns(NotificationStatus.DELIVERED, MerchantNotification::status)
                .as("the repeat spent no attempt").returns(1, MerchantNotification::attempts)
                .returns(2, MerchantNotification::claims);
    }

    @Test
    void aNotificationWhoseOutcomesCanNeverBeWrittenIsDeadLetteredByTheClaimGuard() {
        String id = paid("PR-MARK-NEVER");
        dynamo.get().failCalls("putItem", 1_000);

        for (int send = 1; send <= NotificationSchedule.UNRECORDED_SENDS_LIMIT; send++) {
            gateway.sweep();
            assertThat(receiver.received()).hasSize(send);
            gateway.clock.advance(lease.plusSeconds(1));
        }
        gateway.sweep();
        dynamo.get().failCalls("putItem", 0);

        assertThat(receiver.received()).as("sent no more").hasSize(NotificationSchedule.UNRECORDED_SENDS_LIMIT);
        assertThat(notification(id)).returns(NotificationStatus.DEAD_LETTERED, MerchantNotification::status)
                .returns(NotificationMachine.OUTCOME_UNRECORDED, MerchantNotification::lastProblem)
                .returns(0, MerchantNotification::attempts);
        gateway.clock.advance(Duration.ofDays(2));
        gateway.sweep();
        assertThat(receiver.received()).hasSize(NotificationSchedule.UNRECORDED_SENDS_LIMIT);
    }
}
