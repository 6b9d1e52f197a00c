package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.simulator.FakeGateway.Offer;
import dev.scanpay.simulator.FakeGateway.Received;
import dev.scanpay.simulator.SimulatedPayment.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What notifyPayment a scan leads to, by behaviour, and when on the simulator clock. */
@Tag("integration")
class ScanNotificationTest extends ScanTestSupport {

    @Test
    void anInProcessScanChargesAndNotifiesOnceTheClockPassesSettleAfter() {
        gatewaySide.offer("IP", Offer.of(9901, "USD"));

        ScanResult result = simulator.scan("alice", "IP");

        assertThat(result.status()).isEqualTo(Status.PENDING);
        assertThat(result.notification()).isEqualTo("SUCCESS after PT10S");
        assertThat(gatewaySide.notifications).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(simulator.deliverDueNotifications()).isZero();
        assertThat(simulator.chargeCount(result.paymentRequestId())).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(simulator.deliverDueNotifications()).isEqualTo(1);

        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000 - 9901);
        Received notify = gatewaySide.notifications.get(0);
        assertThat(notify.verified()).isTrue();
        assertThat(notify.object("paymentResult")).containsEntry("resultStatus", "S");
        assertThat(notify.json()).containsEntry("paymentTime", "2026-03-01T10:00:10+00:00");
        assertThat(notify.requestTime()).isEqualTo("2026-03-01T10:00:10+00:00");
        assertThat(simulator.deliverDueNotifications()).isZero();
    }

    @Test
    void aChosenSettleAfterDelaysASuccessfulScansNotificationButNotTheCharge() {
        simulator.configureCustomer("bob", CustomerSettings.builder().settleAfter(Duration.ofSeconds(30)).build());
        gatewaySide.offer("LATE", Offer.of(2000, "HKD"));

        ScanResult result = simulator.scan("bob", "LATE");

        assertThat(result.notification()).isEqualTo("SUCCESS after PT30S");
        assertThat(result.status()).isEqualTo(Status.PAID);
        assertThat(simulator.balance("bob", "HKD")).isEqualTo(5_000_000 - 2000);
        assertThat(gatewaySide.notifications).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(simulator.deliverDueNotifications()).isEqualTo(1);

        assertThat(gatewaySide.notifications).singleElement()
                .satisfies(n -> assertThat(n.object("paymentResult")).containsEntry("resultCode", "SUCCESS"));
    }

    @Test
    void duplicateNotifyChargesOnceAndNotifiesTwice() {
        gatewaySide.offer("DUP", Offer.of(9907, "USD"));

        ScanResult result = simulator.scan("carol", "DUP");

        assertThat(result.notification()).isEqualTo("DUPLICATE now");
        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
        assertThat(gatewaySide.notifications).hasSize(2).allSatisfy(n -> {
            assertThat(n.verified()).isTrue();
            assertThat(n.json()).containsEntry("paymentRequestId", result.paymentRequestId());
        });
        assertThat(gatewaySide.notifications.get(0).body()).isEqualTo(gatewaySide.notifications.get(1).body());
        assertThat(simulator.notificationsSent()).hasSize(2).allSatisfy(sent -> assertThat(sent.acknowledged()).isTrue());
    }

    @Test
    void aBadSignatureNotificationIsSentOnceAndDoesNotVerify() {
        gatewaySide.offer("BAD", Offer.of(9904, "USD"));

        ScanResult result = simulator.scan("dan", "BAD");

        assertThat(result.notification()).isEqualTo("BAD_SIGNATURE now");
        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
        assertThat(gatewaySide.notifications).singleElement().satisfies(n -> {
            assertThat(n.signature()).startsWith("algorithm=RSA256,keyVersion=1,signature=");
            assertThat(n.verified()).isFalse();
        });
        assertThat(simulator.notificationsSent()).singleElement().satisfies(sent -> {
            assertThat(sent.badlySigned()).isTrue();
            assertThat(sent.resultStatus()).isEqualTo("S");
            // the fake gateway refuses it in a verified answer
            assertThat(sent.ackResultStatus()).isEqualTo("F");
            assertThat(sent.ackResultCode()).isEqualTo("INVALID_SIGNATURE");
        });
        clock.advance(Duration.ofMinutes(5));
        assertThat(simulator.deliverDueNotifications()).isZero();
    }

    @Test
    void anUnsignedNotificationHasNoSignatureHeader() {
        gatewaySide.offer("UNS", Offer.of(9906, "USD"));

        ScanResult result = simulator.scan("erin", "UNS");

        assertThat(result.notification()).isEqualTo("UNSIGNED now");
        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
        assertThat(gatewaySide.notifications).singleElement().satisfies(n -> {
            assertThat(n.signature()).isNull();
            assertThat(n.clientId()).isEqualTo("SIMWALLET");
            assertThat(n.verified()).isFalse();
        });
        assertThat(simulator.notificationsSent()).singleElement().satisfies(sent -> assertThat(sent.unsigned()).isTrue());
    }

    @Test
    void noAnswerAndServerErrorChargeButNeverNotifyAndTheInquiryFindsSuccess() throws Exception {
        gatewaySide.offer("LOST", Offer.of(9902, "USD"));
        gatewaySide.offer("FIVE", Offer.of(9903, "USD"));

        ScanResult lost = simulator.scan("fay", "LOST");
        ScanResult five = simulator.scan("fay", "FIVE");
        clock.advance(Duration.ofHours(1));

        assertThat(simulator.deliverDueNotifications()).isZero();
        assertThat(gatewaySide.notifications).isEmpty();
        for (ScanResult result : new ScanResult[] {lost, five}) {
            assertThat(result.notification()).isEqualTo("NONE");
            assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
            TestGateway.Answer inquiry = gateway.inquire(result.paymentRequestId());
            assertThat(inquiry.verifies()).as("a scanned payment's inquiry is answered signed").isTrue();
            assertThat(inquiry.paymentResultCode()).isEqualTo("SUCCESS");
        }
        assertThat(simulator.balance("fay", "USD")).isEqualTo(500_000 - 9902 - 9903);
    }

    @Test
    void aCancelBeforeSettlingStopsTheChargeAndTheNotification() throws Exception {
        gatewaySide.offer("IPC", Offer.of(9901, "USD"));
        ScanResult result = simulator.scan("gus", "IPC");

        assertThat(gateway.cancel(result.paymentRequestId()).resultStatus()).isEqualTo("S");
        clock.advance(Duration.ofMinutes(1));

        assertThat(simulator.deliverDueNotifications()).isZero();
        assertThat(gatewaySide.notifications).isEmpty();
        assertThat(simulator.notificationsSent()).isEmpty();
        assertThat(simulator.chargeCount(result.paymentRequestId())).isZero();
        assertThat(simulator.balance("gus", "USD")).isEqualTo(500_000);
        assertThat(simulator.payment(result.paymentRequestId()).get().status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void aCancelAfterTheChargeRefundsAndTheLateNotificationSaysOrderIsClosed() throws Exception {
        simulator.configureCustomer("hal", CustomerSettings.builder().settleAfter(Duration.ofSeconds(20)).build());
        gatewaySide.offer("PAID-LATE", Offer.of(4000, "SGD"));
        ScanResult result = simulator.scan("hal", "PAID-LATE");
        assertThat(simulator.balance("hal", "SGD")).isEqualTo(500_000 - 4000);

        gateway.cancel(result.paymentRequestId());
        clock.advance(Duration.ofSeconds(20));

        assertThat(simulator.deliverDueNotifications()).isEqualTo(1);
        assertThat(simulator.balance("hal", "SGD")).isEqualTo(500_000);
        assertThat(gatewaySide.notifications.get(0).object("paymentResult"))
                .containsEntry("resultStatus", "F").containsEntry("resultCode", "ORDER_IS_CLOSED");
    }

    @Test
    void theNotificationGoesWhereTheGatewaySaidAndAnUnverifiedAckIsRecordedAsNone() {
        gatewaySide.offer("HOOK", Offer.of(100, "CNY").notifyingAt(gatewaySide.baseUrl() + FakeGateway.OTHER_NOTIFY_PATH));
        gatewaySide.offer("PATH", Offer.of(100, "CNY").notifyingAt(FakeGateway.OTHER_NOTIFY_PATH));

        simulator.scan("ivy", "HOOK");
        simulator.scan("ivy", "PATH");

        assertThat(gatewaySide.notifications).hasSize(2).allSatisfy(n -> {
            assertThat(n.path()).isEqualTo(FakeGateway.OTHER_NOTIFY_PATH);
            // signed over the path it was posted to
            assertThat(n.verified()).isTrue();
        });

        // an ack that does not verify counts as no ack
        simulator.configureCustomer("jay", CustomerSettings.builder().settleAfter(Duration.ofSeconds(5)).build());
        gatewaySide.offer("ACK", Offer.of(100, "CNY"));
        simulator.scan("jay", "ACK");
        gatewaySide.badlySignAnswers = true;
        clock.advance(Duration.ofSeconds(5));
        simulator.deliverDueNotifications();

        SentNotification last = simulator.notificationsSent().get(2);
        assertThat(last.ackResultStatus()).isNull();
        assertThat(last.ackResultCode()).isNull();
        assertThat(last.ackProblem()).contains("does not verify");
        assertThat(last.acknowledged()).isFalse();
    }

    @Test
    void anInProcessPayWithANotifyUrlIsNotifiedWhenItSettles() throws Exception {
        String code = simulator.issuePaymentCode("kim");
        Map<String, Object> pay = gateway.payBody("PAY-N", code, dev.scanpay.core.money.Money.of(9901, "USD"));
        pay.put("paymentNotifyUrl", gatewaySide.baseUrl() + FakeGateway.NOTIFY_PAYMENT);
        assertThat(gateway.call("pay", pay).resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        assertThat(simulator.deliverDueNotifications()).isZero();

        clock.advance(Duration.ofSeconds(10));
        assertThat(simulator.deliverDueNotifications()).isEqualTo(1);

        Received notify = gatewaySide.notifications.get(0);
        assertThat(notify.verified()).isTrue();
        assertThat(notify.json()).containsEntry("paymentRequestId", "PAY-N").containsEntry("customerId", "kim");
        assertThat(notify.object("paymentResult")).containsEntry("resultCode", "SUCCESS");
        // the pay answers themselves are unchanged
        assertThat(gateway.inquire("PAY-N").paymentResultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void theBackgroundThreadSendsWhatTheClockMadeDue() throws Exception {
        try (WalletSimulator polling = WalletSimulator.start(SimulatorConfig.builder().clock(clock)
                .keyPair(TestKeys.WALLET).build())) {
            polling.trustGateway(TestGateway.CLIENT_ID, TestKeys.GATEWAY.getPublic());
            polling.connectGateway(gatewaySide.baseUrl());
            gatewaySide.offer("POLL", Offer.of(9901, "USD"));
            ScanResult result = polling.scan("liz", "POLL");

            clock.advance(Duration.ofSeconds(10));

            // the thread polls every 100 ms of real time; wait for what it sends, not for a fixed time
            Received notify = gatewaySide.awaitNotification(Duration.ofSeconds(10)).orElseThrow();
            assertThat(notify.json()).containsEntry("paymentRequestId", result.paymentRequestId());
            assertThat(notify.verified()).isTrue();
        }
    }
}
