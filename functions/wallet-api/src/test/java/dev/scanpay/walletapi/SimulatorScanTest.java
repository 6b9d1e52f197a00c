package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.ScanResult;
import dev.scanpay.simulator.SentNotification;
import dev.scanpay.simulator.WalletSimulator;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The wallet simulator scanning order codes over real HTTP against the gateway on Netty, with real
 * signatures both ways: what a newcomer does on the local stack.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorScanTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private WalletSimulator simulator;

    // one harness for the class (per adapter): each test has its own request ids, looks only at its own
    // payment's notifications, and measures a customer's balance before and after its own scans
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        gateway.startNetty();
        simulator = gateway.wallet;
        simulator.connectGateway(gateway.publicUrl());
        merchant = gateway.merchant("MERCHANT_SCAN");
        simulator.configureCustomer("alice", CustomerSettings.builder().behaviour(Behaviour.SUCCESS).build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @SuppressWarnings("unchecked")
    private String[] orderCodeFor(String requestId, long minor) {
        Answer answer = merchant.call("pay", orderCode(requestId, "JPY", minor));
        var details = (List<Map<String, Object>>) answer.object("orderCodeForm").get("codeDetails");
        return new String[] {answer.get("paymentId"), (String) details.get(0).get("codeValue")};
    }

    private List<SentNotification> notificationsFor(String paymentId) {
        simulator.deliverDueNotifications();
        return simulator.notificationsSent().stream().filter(n -> n.paymentRequestId().equals(paymentId)).toList();
    }

    @Test
    void scanPaysTheOrderCode() {
        String[] code = orderCodeFor("SCAN-OK", 1500);
        long before = simulator.balance("alice", "JPY");

        ScanResult scan = simulator.scan("alice", code[1]);

        assertThat(scan.scanned()).as(scan.resultMessage()).isTrue();
        assertThat(scan.paymentRequestId()).isEqualTo(code[0]);
        assertThat(notificationsFor(code[0])).singleElement().satisfies(n -> {
            assertThat(n.resultStatus()).isEqualTo("S");
            assertThat(n.ackResultStatus()).as("the gateway's ack verified by the wallet").isEqualTo("S");
        });
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(simulator.balance("alice", "JPY")).isEqualTo(before - 1500);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "SCAN-OK")).get("paymentStatus")).isEqualTo("SUCCESS");
    }

    @Test
    void aScannedOrderCodePaymentIsRefundedInPartsAndNoFurther() {
        String[] code = orderCodeFor("SCAN-REFUND", 1500);
        long before = simulator.balance("alice", "JPY");
        assertThat(simulator.scan("alice", code[1]).scanned()).isTrue();
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.SUCCESS);

        Answer first = merchant.call("refund", Map.of("refundRequestId", "SCAN-RF-1", "paymentId", code[0],
                "refundAmount", Map.of("currency", "JPY", "value", "1000")));
        Answer rest = merchant.call("refund", Map.of("refundRequestId", "SCAN-RF-2", "paymentId", code[0],
                "refundAmount", Map.of("currency", "JPY", "value", "500")));
        Answer more = merchant.call("refund", Map.of("refundRequestId", "SCAN-RF-3", "paymentId", code[0],
                "refundAmount", Map.of("currency", "JPY", "value", "1")));

        assertThat(first.resultCode()).isEqualTo("SUCCESS");
        assertThat(rest.resultCode()).isEqualTo("SUCCESS");
        assertThat(more.resultCode()).isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(simulator.balance("alice", "JPY")).isEqualTo(before);
        assertThat(gateway.payment(code[0]).refundedMinor()).isEqualTo(1500);
        assertThat(simulator.payment(code[0]).orElseThrow().refundedMinor()).isEqualTo(1500);
    }

    @Test
    void scannedTwiceIsChargedOnce() {
        String[] code = orderCodeFor("SCAN-TWICE", 700);
        long before = simulator.balance("alice", "JPY");

        simulator.scan("alice", code[1]);
        ScanResult again = simulator.scan("alice", code[1]);

        assertThat(again.scanned()).isTrue();
        assertThat(simulator.balance("alice", "JPY")).isEqualTo(before - 700);
        assertThat(simulator.scan("bob", code[1]).resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void duplicateNotificationHasOneEffect() {
        simulator.configureCustomer("dora", CustomerSettings.builder().behaviour(Behaviour.DUPLICATE_NOTIFY).build());
        String[] code = orderCodeFor("SCAN-DUP", 900);

        simulator.scan("dora", code[1]);

        List<SentNotification> sent = notificationsFor(code[0]);
        assertThat(sent).hasSize(2).allSatisfy(n -> assertThat(n.ackResultStatus()).isEqualTo("S"));
        Payment paid = gateway.payment(code[0]);
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void badlySignedNotificationIsRefusedAndTheSweeperFindsTheTruth() {
        simulator.configureCustomer("erin", CustomerSettings.builder().behaviour(Behaviour.BAD_SIGNATURE).build());
        String[] code = orderCodeFor("SCAN-BADSIG", 900);

        simulator.scan("erin", code[1]);

        assertThat(notificationsFor(code[0])).singleElement().satisfies(n -> assertThat(n.ackResultCode()).isEqualTo("INVALID_SIGNATURE"));
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.PROCESSING);

        gateway.clock.advance(java.time.Duration.ofSeconds(11));
        gateway.sweep();
        assertThat(gateway.payment(code[0]).status()).as("the inquiry at the wallet resolves it").isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void declineFailsThePayment() {
        simulator.configureCustomer("fred", CustomerSettings.builder().behaviour(Behaviour.DECLINE).build());
        String[] code = orderCodeFor("SCAN-DECLINE", 900);

        simulator.scan("fred", code[1]);

        assertThat(notificationsFor(code[0])).singleElement().satisfies(n -> assertThat(n.resultStatus()).isEqualTo("F"));
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.FAIL);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "SCAN-DECLINE")).get("paymentStatus")).isEqualTo("FAIL");
    }
}
