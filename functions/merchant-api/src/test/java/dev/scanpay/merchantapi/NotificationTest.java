package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.MerchantReceiver.Mode;
import dev.scanpay.testkit.MerchantReceiver.Received;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Merchant notifications: written with the payment's final result (outbox), sent by the sweeper, retried
 * on the documented schedule until the merchant answers S. Time is moved, never slept.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private MerchantReceiver receiver;
    private NotificationStore notifications;

    private int tests;

    // one harness for the class (per adapter); each test has its own merchant (so its own request ids and
    // undelivered list) and its own receiver, which hears only this test's notifications
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
        notifications = gateway.context.getBean(NotificationStore.class);
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() {
        tests++;
        receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic());
        merchant = gateway.merchant("MERCHANT_NOTIFY_" + tests, receiver.url());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Answer pay(String requestId, long minor, String customer) {
        Map<String, Object> body = userPresented(requestId, "USD", minor, gateway.wallet.issuePaymentCode(customer));
        body.put("paymentNotifyUrl", receiver.url());
        return merchant.call("pay", body);
    }

    private MerchantNotification notificationOf(String paymentId) {
        return notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow();
    }

    @Test
    void aPaidPaymentIsNotifiedOnceSignedWithAStableId() {
        String paymentId = pay("N-1", 1250, "alice").get("paymentId");

        MerchantNotification pending = notificationOf(paymentId);
        assertThat(pending.status()).as("written with the result, before any delivery").isEqualTo(NotificationStatus.PENDING);
        assertThat(receiver.received()).isEmpty();

        gateway.sweep();
        gateway.sweep();

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.notifyId()).isEqualTo(pending.notificationId());
            assertThat(r.resultStatus()).isEqualTo("S");
            assertThat(r.paymentId()).isEqualTo(paymentId);
            assertThat(r.body().get("notifyType")).isEqualTo("PAYMENT_RESULT");
            assertThat(r.body().get("paymentRequestId")).isEqualTo("N-1");
            assertThat(r.body().get("paymentAmount")).isEqualTo(Map.of("currency", "USD", "value", "1250"));
        });
        MerchantNotification delivered = notificationOf(paymentId);
        assertThat(delivered.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.nextCheckAt()).isNull();
    }

    @Test
    void aMerchantDownForSixHoursGetsItAfterwardsOnSchedule() {
        receiver.answer(Mode.DOWN);
        String paymentId = pay("N-DOWN", 990, "alice").get("paymentId");
        Instant start = gateway.now();
        List<Duration> attemptsAt = new ArrayList<>();

        while (receiver.received().stream().noneMatch(r -> r.answeredAs() == Mode.ACKNOWLEDGE)) {
            MerchantNotification n = notificationOf(paymentId);
            assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
            Instant due = n.nextCheckAt();
            if (due.isAfter(gateway.now())) {
                gateway.clock.set(due.minusSeconds(1));
                int before = receiver.received().size();
                gateway.sweep();
                assertThat(receiver.received()).as("nothing before its time").hasSize(before);
                gateway.clock.set(due);
            }
            if (Duration.between(start, gateway.now()).compareTo(Duration.ofHours(6)) >= 0) {
                receiver.answer(Mode.ACKNOWLEDGE);
            }
            gateway.sweep();
            attemptsAt.add(Duration.between(start, gateway.now()));
        }

        // 0, 2 min, +10, +10, +1 h, +2 h: down until 6 h; then the 6 h gap lands at 9 h 22 min
        assertThat(attemptsAt).containsExactly(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(12),
                Duration.ofMinutes(22), Duration.ofMinutes(82), Duration.ofMinutes(202), Duration.ofMinutes(562));
        assertThat(receiver.received()).hasSize(7).allSatisfy(r -> {
            assertThat(r.notifyId()).isEqualTo(MerchantNotices.notificationId(paymentId));
            assertThat(r.signatureValid()).isTrue();
        });
        assertThat(notificationOf(paymentId).status()).isEqualTo(NotificationStatus.DELIVERED);
        gateway.clock.advance(Duration.ofDays(2));
        gateway.sweep();
        assertThat(receiver.received()).as("never sent again once acknowledged").hasSize(7);
    }

    @Test
    void garbageAndNonSAnswersAreRetriedAndTheLastFailureDeadLetters() {
        receiver.answer(Mode.GARBAGE);
        String paymentId = pay("N-GARBAGE", 700, "alice").get("paymentId");
        gateway.sweep();
        // stored as a category, not the receiver's words
        assertThat(notificationOf(paymentId).lastProblem()).isEqualTo("BAD_ANSWER");
        receiver.answer(Mode.NOT_S);
        for (int i = 1; i < NotificationSchedule.maxAttempts(); i++) {
            gateway.clock.set(notificationOf(paymentId).nextCheckAt());
            gateway.sweep();
        }

        MerchantNotification dead = notificationOf(paymentId);
        assertThat(dead.status()).isEqualTo(NotificationStatus.DEAD_LETTERED);
        assertThat(dead.attempts()).isEqualTo(8);
        assertThat(dead.lastProblem()).isEqualTo("NOT_ACKNOWLEDGED");
        assertThat(dead.nextCheckAt()).isNull();
        assertThat(receiver.received()).hasSize(8);
        gateway.clock.advance(Duration.ofDays(3));
        gateway.sweep();
        assertThat(receiver.received()).hasSize(8);
    }

    @Test
    void aSuccessReversedByCancelBeforeDeliveryIsNeverSent() {
        String paymentId = pay("N-REVERSED", 800, "alice").get("paymentId");
        assertThat(merchant.call("cancel", Map.of("paymentId", paymentId)).resultCode()).isEqualTo("SUCCESS");

        gateway.sweep();

        assertThat(receiver.received()).noneMatch(r -> "S".equals(r.resultStatus()));
        assertThat(notificationOf(paymentId).status()).isEqualTo(NotificationStatus.SUPERSEDED);
    }

    @Test
    void aPaymentClosedAtItsDeadlineIsNotifiedAsFailedAndALateSuccessIsNot() {
        gateway.wallet.configureCustomer("nora", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS)
                .settleAfter(Duration.ofHours(1)).build());
        Answer pay = pay("N-LATE", 500, "nora");
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        String paymentId = pay.get("paymentId");

        gateway.clock.advance(Duration.ofMinutes(3));
        gateway.sweep();
        gateway.sweep();

        List<Received> received = receiver.received();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.resultStatus()).isEqualTo("F");
            assertThat(((Map<?, ?>) r.body().get("result")).get("resultCode")).isEqualTo("ORDER_IS_CLOSED");
        });
        gateway.walletCaller().notifySuccess(paymentId, dev.scanpay.core.money.Money.of(500, "USD"), "nora");
        gateway.clock.advance(Duration.ofMinutes(1));
        gateway.sweep();
        assertThat(receiver.received()).as("the late success is not told").hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void deadLetteredNotificationsAreListedAndCanBeResent() {
        receiver.answer(Mode.DOWN);
        String paymentId = pay("N-RESEND", 640, "alice").get("paymentId");
        gateway.sweep();
        for (int i = 1; i < NotificationSchedule.maxAttempts(); i++) {
            gateway.clock.set(notificationOf(paymentId).nextCheckAt());
            gateway.sweep();
        }
        String list = "/ams/api/v1/notifications/listUndelivered";
        var listed = (java.util.List<Map<String, Object>>) merchant.post(list, Map.of()).json().get("notifications");
        assertThat(listed).singleElement().satisfies(n -> {
            assertThat(n.get("paymentId")).isEqualTo(paymentId);
            assertThat(n.get("notificationStatus")).isEqualTo("DEAD_LETTERED");
            assertThat(n.get("attempts")).isEqualTo("8");
        });
        SignedMerchant other = gateway.merchant("OTHER_MERCHANT_" + tests);
        assertThat((java.util.List<?>) other.post(list, Map.of()).json().get("notifications")).isEmpty();
        String resend = "/ams/api/v1/notifications/resend";
        assertThat(other.post(resend, Map.of("paymentId", paymentId)).resultCode()).isEqualTo("ORDER_NOT_EXIST");

        receiver.answer(Mode.ACKNOWLEDGE);
        Answer resent = merchant.post(resend, Map.of("paymentRequestId", "N-RESEND"));

        assertThat(resent.resultCode()).isEqualTo("SUCCESS");
        assertThat(resent.object("notification").get("notificationStatus")).isEqualTo("DELIVERED");
        assertThat(receiver.received()).last().satisfies(r -> {
            assertThat(r.answeredAs()).isEqualTo(Mode.ACKNOWLEDGE);
            assertThat(r.notifyId()).isEqualTo(MerchantNotices.notificationId(paymentId));
        });
        assertThat((java.util.List<?>) merchant.post(list, Map.of()).json().get("notifications")).isEmpty();
        int before = receiver.received().size();
        assertThat(merchant.post(resend, Map.of("paymentId", paymentId)).object("notification").get("notificationStatus"))
                .as("a delivered one can be asked for again").isEqualTo("DELIVERED");
        assertThat(receiver.received()).hasSize(before + 1);
    }

    @Test
    void racingSendersMakeOneAttempt() throws Exception {
        String paymentId = pay("N-RACE", 450, "alice").get("paymentId");
        MerchantNotification due = notificationOf(paymentId);
        var delivery = gateway.context.getBean(dev.scanpay.core.service.notify.NotificationDelivery.class);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            // the notifier (stream) and the sweeper both holding the same due notification
            List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                senders.add(pool.submit(() -> {
                    start.await();
                    return delivery.attempt(due);
                }));
            }
            start.countDown();
            for (var sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdown();
        }
        gateway.sweep();

        assertThat(receiver.received()).hasSize(1);
        assertThat(notificationOf(paymentId).attempts()).isEqualTo(1);
        assertThat(notificationOf(paymentId).status()).isEqualTo(NotificationStatus.DELIVERED);
    }
}
