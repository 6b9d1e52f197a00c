package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.observe.Metrics.Name;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.testkit.EmfCapture;
import dev.scanpay.testkit.EmfCapture.Emitted;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.MerchantReceiver.Mode;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through the merchant API's Lambda handler, the sweeper and the wallet simulator: the Embedded
 * Metric Format lines the gateway writes, read back from the library's own serialization, name the declared
 * metrics in the configured namespace, under exactly their declared dimensions, with the values the flow
 * implies; and no dimension is ever an id.
 */
class MetricsTest {

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private String walletId;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness();
        merchant = gateway.merchant("MERCHANT_METRICS");
        walletId = gateway.wallet.walletId();
    }

    @AfterEach
    void stop() {
        everyLineIsWellFormed();
        gateway.close();
    }

    private Answer pay(String requestId, long minor, String customer) {
        return merchant.call("pay", userPresented(requestId, "USD", minor, gateway.wallet.issuePaymentCode(customer)));
    }

    private EmfCapture metrics() {
        return gateway.metrics;
    }

    @Test
    void paymentsAreCountedByScenarioAndFinalResultAndWalletCallsByWalletOperationAndOutcome() {
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().behaviour(Behaviour.DECLINE).build());

        String paid = pay("PR-M1", 1_000, "alice").get("paymentId");
        assertThat(pay("PR-M2", 2_000, "bob").resultStatus()).isEqualTo("F");
        assertThat(merchant.call("refund", Map.of("refundRequestId", "RF-M1", "paymentId", paid,
                "refundAmount", Map.of("currency", "USD", "value", "400"))).resultCode()).isEqualTo("SUCCESS");

        assertThat(metrics().sum(Name.PAYMENTS, "USER_PRESENTED", "SUCCESS")).isEqualTo(1);
        assertThat(metrics().sum(Name.PAYMENTS, "USER_PRESENTED", "FAIL")).isEqualTo(1);
        assertThat(metrics().of(Name.PAYMENTS)).hasSize(2);
        assertThat(metrics().sum(Name.REFUNDS, "SUCCESS")).isEqualTo(1);
        assertThat(metrics().sum(Name.WALLET_CALLS, walletId, "pay", "S")).isEqualTo(1);
        assertThat(metrics().sum(Name.WALLET_CALLS, walletId, "pay", "F")).isEqualTo(1);
        assertThat(metrics().sum(Name.WALLET_CALLS, walletId, "refund", "S")).isEqualTo(1);
        assertThat(metrics().of(Name.WALLET_CALL_LATENCY)).hasSize(3).allSatisfy(latency -> {
            assertThat(latency.unit()).isEqualTo("Milliseconds");
            assertThat(latency.value()).isPositive().isLessThan(GatewayHarness.WALLET_TIMEOUT.toMillis() + 1_000);
            assertThat(latency.dimensions()).containsEntry(Metrics.WALLET_ID, walletId);
        });
        assertThat(metrics().emitted()).allSatisfy(emitted -> assertThat(emitted.dimensions().values()).doesNotContain(paid));
    }

    @Test
    void aPaymentPastItsDeadlineIsCountedOnceAndTheSweeperReportsHowLateItRuns() {
        gateway.wallet.configureCustomer("nora", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS)
                .settleAfter(Duration.ofHours(1)).build());
        Answer pay = pay("PR-M3", 500, "nora");
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        Instant due = gateway.payment(pay.get("paymentId")).nextCheckAt();
        assertThat(metrics().of(Name.PAYMENTS)).as("not final yet").isEmpty();

        gateway.clock.advance(Duration.ofMinutes(3));
        Instant runStart = gateway.now();
        gateway.context.getBean(Sweeper.class).sweepFor(100, Duration.ZERO);
        gateway.sweep();

        assertThat(metrics().of(Name.SWEEPER_LAG)).singleElement().satisfies(lag -> {
            assertThat(lag.unit()).isEqualTo("Seconds");
            assertThat(lag.dimensions()).isEmpty();
            assertThat(lag.value()).isEqualTo(Duration.between(due, runStart).toMillis() / 1000.0);
        });
        assertThat(metrics().sum(Name.PAYMENTS_PAST_DEADLINE)).isEqualTo(1);
        assertThat(metrics().sum(Name.PAYMENTS, "USER_PRESENTED", "CANCELLED")).isEqualTo(1);
        assertThat(metrics().sum(Name.WALLET_CALLS, walletId, "cancelPayment", "S")).isEqualTo(1);
    }

    @Test
    void notificationAttemptsFailuresAndTheDeadLetterAreCounted() {
        try (MerchantReceiver receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic())) {
            SignedMerchant notified = gateway.merchant("MERCHANT_METRICS_NOTIFY", receiver.url());
            receiver.answer(Mode.DOWN);
            Map<String, Object> body = userPresented("PR-M4", "USD", 640, gateway.wallet.issuePaymentCode("alice"));
            body.put("paymentNotifyUrl", receiver.url());
            String paymentId = notified.call("pay", body).get("paymentId");
            NotificationStore notifications = gateway.context.getBean(NotificationStore.class);
            gateway.sweep();
            for (int i = 1; i < NotificationSchedule.maxAttempts(); i++) {
                MerchantNotification pending = notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow();
                gateway.clock.set(pending.nextCheckAt());
                gateway.sweep();
            }
        }

        int attempts = NotificationSchedule.maxAttempts();
        assertThat(metrics().sum(Name.NOTIFICATION_ATTEMPTS)).isEqualTo(attempts);
        assertThat(metrics().sum(Name.NOTIFICATION_FAILURES)).isEqualTo(attempts);
        assertThat(metrics().sum(Name.NOTIFICATIONS_DEAD_LETTERED)).isEqualTo(1);
    }

    /** Every line: the test namespace, a declared metric with its declared unit and dimensions, the function named. */
    private void everyLineIsWellFormed() {
        assertThat(metrics().emitted()).allSatisfy((Emitted emitted) -> {
            assertThat(emitted.namespace()).isEqualTo(EmfCapture.NAMESPACE);
            Name declared = java.util.Arrays.stream(Name.values()).filter(n -> n.metricName().equals(emitted.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("undeclared metric " + emitted.name()));
            assertThat(emitted.dimensions().keySet()).containsExactlyElementsOf(declared.dimensions());
            assertThat(emitted.unit()).isEqualToIgnoringCase(declared.unit().name());
            assertThat(emitted.function()).isEqualTo("test");
        });
    }
}
