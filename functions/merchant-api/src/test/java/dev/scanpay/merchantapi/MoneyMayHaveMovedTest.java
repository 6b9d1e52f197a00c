package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.RefundBehaviour;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LogCapture;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lesson 13 through the real handler and the simulator: a refund whose first call timed out after the wallet
 * had refunded, and whose repeat the wallet refuses with something that proves nothing. The refund stays
 * unknown, its amount stays reserved (no second refund, no cancel), the follow-up keeps asking, a count for the alarm
 * is emitted once after a day, and the wallet's S ends it: the customer is refunded exactly once.
 */
@OnBothAdapters
class MoneyMayHaveMovedTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_UNKNOWN_REFUNDS");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Answer refund(String refundRequestId, String paymentId, long minor) {
        return merchant.call("refund", Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", Long.toString(minor))));
    }

    private void nextRefundAnswerIs(String code) {
        gateway.wallet.rewriteNextAnswer("refund", body -> Map.of("result", new Result(code, ResultStatus.F, "no").toWire()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "REPEAT_REQ_INCONSISTENT", "ORDER_NOT_EXIST", "PARAM_ILLEGAL", "SOMETHING_NEW",
            "REFUND_AMOUNT_EXCEED", "PROCESS_FAIL"})
    void aRefusedRepeatOfARefundThatMayHaveHappenedKeepsItUnknownAndReserved(String code) {
        Answer paid = merchant.call("pay", userPresented("PR-U1", "USD", 5_000, gateway.wallet.issuePaymentCode("alice")));
        String paymentId = paid.get("paymentId");
        long before = gateway.wallet.balance("alice", "USD");
        // the wallet refunds, but its answer never arrives: the gateway's call times out
        gateway.wallet.configureCustomer("alice", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_NO_ANSWER).build());

        assertThat(refund("RF-U1", paymentId, 5_000).resultCode()).isEqualTo("REFUND_IN_PROCESS");
        assertThat(gateway.wallet.balance("alice", "USD")).as("the wallet did refund").isEqualTo(before + 5_000);

        // the follow-up repeats the request; the wallet refuses the repeat with a code that proves nothing
        gateway.wallet.configureCustomer("alice", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_SUCCESS).build());
        nextRefundAnswerIs(code);
        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();

        assertThat(gateway.wallet.callCount("refund")).as("the repeat was made").isEqualTo(2);
        Answer inquiry = merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-U1"));
        assertThat(inquiry.get("refundStatus")).as("never released on " + code).isEqualTo("PROCESSING");
        assertThat(gateway.payment(paymentId).refundedMinor()).as("the amount stays reserved").isEqualTo(5_000);
        assertThat(refund("RF-U2", paymentId, 5_000).resultCode()).as("no second refund").isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(merchant.call("cancel", Map.of("paymentId", paymentId)).resultStatus()).as("no cancel").isEqualTo("F");
        assertThat(gateway.payment(paymentId).status()).isEqualTo(PaymentStatus.SUCCESS);

        // the next repeat gets the wallet's real answer, at last
        gateway.wallet.rewriteNextAnswer("refund", body -> body);
        gateway.clock.advance(Duration.ofMinutes(1));
        gateway.sweep();
        assertThat(gateway.refunds().byId(inquiry.get("refundId")).orElseThrow().status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(gateway.wallet.balance("alice", "USD")).as("refunded exactly once").isEqualTo(before + 5_000);
        assertThat(gateway.wallet.payment(paymentId).orElseThrow().refundedMinor()).isEqualTo(5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "PARAM_ILLEGAL"})
    void theFirstCallRefusedIsAFailureThatReleasesTheAmount(String code) {
        Answer paid = merchant.call("pay", userPresented("PR-U3", "USD", 5_000, gateway.wallet.issuePaymentCode("bob")));
        String paymentId = paid.get("paymentId");
        long before = gateway.wallet.balance("bob", "USD");
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_DECLINE).build());
        nextRefundAnswerIs(code);

        Answer refund = refund("RF-U3", paymentId, 2_000);

        assertThat(refund.resultStatus()).as("the wallet refused the only call it ever saw").isEqualTo("F");
        assertThat(refund.resultCode()).as("never the wallet's word about our own request").isEqualTo("PROCESS_FAIL");
        assertThat(gateway.payment(paymentId).refundedMinor()).isZero();
        assertThat(gateway.wallet.balance("bob", "USD")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "SOMETHING_NEW"})
    void aRefundWithoutAVerdictForADayIsCountedOnceForTheAlarmAndStillAsked(String code) {
        Answer paid = merchant.call("pay", userPresented("PR-U4", "USD", 5_000, gateway.wallet.issuePaymentCode("carol")));
        String paymentId = paid.get("paymentId");
        gateway.wallet.configureCustomer("carol", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_NO_ANSWER).build());
        assertThat(refund("RF-U4", paymentId, 1_000).resultCode()).isEqualTo("REFUND_IN_PROCESS");

        try (LogCapture logs = new LogCapture()) {
            // every repeat for a day and a half is refused
            for (int check = 0; check < 40; check++) {
                nextRefundAnswerIs(code);
                gateway.clock.advance(Duration.ofHours(1));
                gateway.sweep();
            }
            assertThat(logs.containing("has no verdict from wallet")).as("one line").hasSize(1);
        }
        assertThat(gateway.metrics.sum(Metrics.Name.REFUNDS_WITHOUT_VERDICT)).as("counted once, for the alarm").isEqualTo(1);
        assertThat(gateway.refunds().findByRequest(merchant.clientId, "RF-U4").orElseThrow().status())
                .isEqualTo(RefundStatus.PROCESSING);
    }
}
