package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import dev.scanpay.simulator.FakeGateway.Offer;
import dev.scanpay.simulator.FakeGateway.Received;
import dev.scanpay.simulator.SimulatedPayment.Status;
import dev.scanpay.simulator.TestGateway.Plain;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ScanTest extends ScanTestSupport {

    @Test
    void aScanCallsUserInitiatedPaySignedAndNotifiesSuccessAtOnce() {
        gatewaySide.offer("https://gw.example/oc/ABC", Offer.of(1000, "JPY"));

        ScanResult result = simulator.scan("alice", "https://gw.example/oc/ABC");

        assertThat(gatewaySide.userInitiatedPays).hasSize(1);
        Received call = gatewaySide.userInitiatedPays.get(0);
        assertThat(call.verified()).as("userInitiatedPay signature verifies with the wallet key").isTrue();
        assertThat(call.clientId()).isEqualTo("SIMWALLET");
        assertThat(call.requestTime()).isEqualTo("2026-03-01T10:00:00+00:00");
        assertThat(call.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(call.signature()).startsWith("algorithm=RSA256,keyVersion=1,signature=");
        assertThat(call.json()).isEqualTo(Map.of("codeValue", "https://gw.example/oc/ABC", "customerId", "alice"));

        assertThat(result.scanned()).isTrue();
        assertThat(result.paymentRequestId()).isEqualTo(gatewaySide.paymentRequestIdOf("https://gw.example/oc/ABC"));
        assertThat(result.amount()).isEqualTo(Money.of(1000, "JPY"));
        assertThat(result.merchantName()).isEqualTo("Blue Bottle");
        assertThat(result.storeName()).isEqualTo("Shibuya");
        assertThat(result.expiryTime()).isEqualTo("2026-11-23T10:05:00+08:00");
        assertThat(result.status()).isEqualTo(Status.PAID);
        assertThat(result.notification()).isEqualTo("SUCCESS now");
        assertThat(simulator.balance("alice", "JPY")).isEqualTo(1_000_000 - 1000);
        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);

        assertThat(gatewaySide.notifications).hasSize(1);
        Received notify = gatewaySide.notifications.get(0);
        assertThat(notify.path()).isEqualTo(FakeGateway.NOTIFY_PAYMENT);
        assertThat(notify.verified()).as("notifyPayment signature verifies").isTrue();
        assertThat(notify.clientId()).isEqualTo("SIMWALLET");
        assertThat(notify.object("paymentResult")).isEqualTo(Map.of("resultCode", "SUCCESS", "resultStatus", "S",
                "resultMessage", "success"));
        assertThat(notify.json()).containsEntry("paymentRequestId", result.paymentRequestId())
                .containsEntry("paymentId", result.walletPaymentId())
                .containsEntry("paymentTime", "2026-03-01T10:00:00+00:00")
                .containsEntry("customerId", "alice")
                .containsEntry("paymentAmount", Map.of("currency", "JPY", "value", "1000"))
                .containsEntry("payToAmount", Map.of("currency", "JPY", "value", "1000"));

        assertThat(simulator.notificationsSent()).singleElement().satisfies(sent -> {
            assertThat(sent.paymentRequestId()).isEqualTo(result.paymentRequestId());
            assertThat(sent.paymentId()).isEqualTo(result.walletPaymentId());
            assertThat(sent.resultStatus()).isEqualTo("S");
            assertThat(sent.resultCode()).isEqualTo("SUCCESS");
            assertThat(sent.badlySigned()).isFalse();
            assertThat(sent.unsigned()).isFalse();
            assertThat(sent.ackResultStatus()).isEqualTo("S");
            assertThat(sent.ackResultCode()).isEqualTo("SUCCESS");
            assertThat(sent.ackProblem()).isNull();
            assertThat(sent.acknowledged()).isTrue();
        });
    }

    @Test
    void scanningTheSameCodeTwiceIsOnePaymentOneChargeOneNotification() {
        gatewaySide.offer("CODE-2", Offer.of(1250, "USD"));

        ScanResult first = simulator.scan("bob", "CODE-2");
        ScanResult second = simulator.scan("bob", "CODE-2");

        assertThat(second.scanned()).isTrue();
        assertThat(second.repeat()).isTrue();
        assertThat(second.notification()).isEqualTo("NONE");
        assertThat(second.paymentRequestId()).isEqualTo(first.paymentRequestId());
        assertThat(second.walletPaymentId()).isEqualTo(first.walletPaymentId());
        assertThat(simulator.chargeCount(first.paymentRequestId())).isEqualTo(1);
        assertThat(simulator.totalCharges()).isEqualTo(1);
        assertThat(simulator.balance("bob", "USD")).isEqualTo(500_000 - 1250);
        assertThat(gatewaySide.userInitiatedPays).hasSize(2);
        assertThat(gatewaySide.notifications).hasSize(1);
    }

    @Test
    void aDecliningCustomerIsNotChargedAndTheGatewayIsToldWhy() {
        simulator.configureCustomer("carol", CustomerSettings.builder()
                .behaviour(Behaviour.DECLINE).declineCode("USER_STATUS_ABNORMAL").build());
        gatewaySide.offer("CODE-3", Offer.of(500, "USD"));

        ScanResult result = simulator.scan("carol", "CODE-3");

        assertThat(result.status()).isEqualTo(Status.DECLINED);
        assertThat(result.notification()).isEqualTo("FAIL USER_STATUS_ABNORMAL now");
        assertThat(simulator.balance("carol", "USD")).isEqualTo(500_000);
        assertThat(simulator.totalCharges()).isZero();
        Received notify = gatewaySide.notifications.get(0);
        assertThat(notify.verified()).isTrue();
        assertThat(notify.object("paymentResult")).containsEntry("resultStatus", "F")
                .containsEntry("resultCode", "USER_STATUS_ABNORMAL");
        assertThat(notify.json()).doesNotContainKey("paymentTime").containsEntry("paymentId", result.walletPaymentId());
        assertThat(simulator.notificationsSent()).singleElement()
                .satisfies(sent -> assertThat(sent.resultCode()).isEqualTo("USER_STATUS_ABNORMAL"));
    }

    @Test
    void aShortBalanceNotifiesUserBalanceNotEnoughAndChargesNothing() {
        simulator.configureCustomer("dan", CustomerSettings.builder().balance("USD", 100).build());
        gatewaySide.offer("CODE-4", Offer.of(500, "USD"));

        ScanResult result = simulator.scan("dan", "CODE-4");

        assertThat(result.notification()).isEqualTo("FAIL USER_BALANCE_NOT_ENOUGH now");
        assertThat(simulator.balance("dan", "USD")).isEqualTo(100);
        assertThat(gatewaySide.notifications.get(0).object("paymentResult"))
                .containsEntry("resultStatus", "F").containsEntry("resultCode", "USER_BALANCE_NOT_ENOUGH");
    }

    @Test
    void theGatewaysRefusalIsReportedAndNothingHappensAtTheWallet() {
        gatewaySide.refuse("OLD-CODE", "EXPIRED_CODE");

        ScanResult result = simulator.scan("alice", "OLD-CODE");

        assertThat(result.scanned()).isFalse();
        assertThat(result.resultCode()).isEqualTo("EXPIRED_CODE");
        assertThat(result.notification()).isEqualTo("NONE");
        assertThat(simulator.totalCharges()).isZero();
        assertThat(gatewaySide.notifications).isEmpty();
    }

    @Test
    void aCodeAnotherCustomerTookIsRefusedByTheGateway() {
        gatewaySide.offer("CODE-5", Offer.of(700, "USD"));
        simulator.scan("alice", "CODE-5");

        ScanResult result = simulator.scan("bob", "CODE-5");

        assertThat(result.scanned()).isFalse();
        assertThat(result.resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(simulator.totalCharges()).isEqualTo(1);
    }

    @Test
    void aBadlySignedGatewayAnswerIsTreatedAsNoAnswer() {
        gatewaySide.offer("CODE-6", Offer.of(700, "USD"));
        gatewaySide.badlySignAnswers = true;

        ScanResult result = simulator.scan("alice", "CODE-6");

        assertThat(result.scanned()).isFalse();
        assertThat(result.resultCode()).isEqualTo("NO_GATEWAY_ANSWER");
        assertThat(result.resultMessage()).contains("does not verify");
        assertThat(simulator.totalCharges()).isZero();
        assertThat(gatewaySide.notifications).isEmpty();
    }

    @Test
    void anAnswerFromAnUntrustedKeyIsNoAnswerEither() {
        try (WalletSimulator stranger = WalletSimulator.start(SimulatorConfig.builder().clock(clock)
                .notifyPollInterval(java.time.Duration.ZERO).build())) {
            // trusts another key than the one the gateway signs with
            stranger.trustGateway(TestGateway.CLIENT_ID, TestKeys.STRANGER.getPublic());
            stranger.connectGateway(gatewaySide.baseUrl());

            ScanResult result = stranger.scan("alice", "ANY");

            assertThat(result.scanned()).isFalse();
            assertThat(result.resultCode()).isEqualTo("NO_GATEWAY_ANSWER");
        }
    }

    @Test
    void scanningNeedsAGateway() throws Exception {
        try (WalletSimulator unconnected = WalletSimulator.start(SimulatorConfig.builder().clock(clock).build())) {
            assertThatThrownBy(() -> unconnected.scan("alice", "CODE")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connectGateway");
            assertThat(new TestGateway(unconnected, clock).control("POST", "/customers/alice/scan",
                    "{\"codeValue\":\"CODE\"}").status()).isEqualTo(409);
        }
        assertThatThrownBy(() -> simulator.connectGateway("ftp://example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.scan("alice", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScanEndpointAnswersWhatHappened() throws Exception {
        gatewaySide.offer("CODE-7", Offer.of(1234, "USD").redirectingTo("https://shop.example/done?o=7"));
        gatewaySide.refuse("CODE-8", "ORDER_IS_CLOSED");

        Plain scanned = gateway.control("POST", "/customers/erin/scan", "{\"codeValue\":\"CODE-7\"}");
        Plain refused = gateway.control("POST", "/customers/erin/scan", "{\"codeValue\":\"CODE-8\"}");

        assertThat(scanned.status()).isEqualTo(200);
        Map<String, Object> body = scanned.jsonBody();
        assertThat(body).containsEntry("scanned", true)
                .containsEntry("paymentRequestId", gatewaySide.paymentRequestIdOf("CODE-7"))
                .containsEntry("amount", Map.of("currency", "USD", "value", "1234"))
                .containsEntry("merchantName", "Blue Bottle")
                .containsEntry("storeName", "Shibuya")
                .containsEntry("expiryTime", "2026-11-23T10:05:00+08:00")
                .containsEntry("paymentRedirectUrl", "https://shop.example/done?o=7")
                .containsEntry("status", "PAID")
                .containsEntry("notification", "SUCCESS now")
                .containsKey("walletPaymentId");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.jsonBody()).containsEntry("scanned", false).containsEntry("resultCode", "ORDER_IS_CLOSED")
                .containsKey("resultMessage");
        assertThat(gateway.control("POST", "/customers/erin/scan", "{}").status()).isEqualTo(400);

        Plain sent = gateway.control("GET", "/simulator/notifications", null);
        assertThat(sent.text()).contains("\"ackResultStatus\":\"S\"").contains(gatewaySide.paymentRequestIdOf("CODE-7"));
        assertThat(gateway.control("GET", "/simulator/info", null).jsonBody())
                .containsEntry("gatewayUrl", gatewaySide.baseUrl())
                .containsEntry("cashierUrl", simulator.baseUrl() + "/cashier")
                .containsEntry("userAgentMarker", "SimWallet");
    }

    @Test
    void theGatewayCanInquireAScannedPaymentByItsPaymentRequestId() throws Exception {
        gatewaySide.offer("CODE-9", Offer.of(300, "EUR"));
        ScanResult result = simulator.scan("fay", "CODE-9");

        Map<String, Object> inquiry = gateway.inquire(result.paymentRequestId()).verified();

        assertThat(inquiry.get("paymentResult")).isEqualTo(Map.of("resultCode", "SUCCESS", "resultStatus", "S",
                "resultMessage", "success"));
        assertThat(inquiry).containsEntry("paymentId", result.walletPaymentId()).containsEntry("customerId", "fay");
        // a pay cannot reuse a scanned payment's id
        String code = simulator.issuePaymentCode("fay");
        assertThat(gateway.pay(result.paymentRequestId(), code, 300, "EUR").resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(simulator.chargeCount(result.paymentRequestId())).isEqualTo(1);
    }
}
