package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * A signed wallet answer counts only for what was asked: through the real handler and the simulator, whose
 * answers are rewritten (still signed by the wallet) to name another payment, another amount, an absurd time,
 * or an F code the merchant must never see.
 */
@OnBothAdapters
class WalletAnswersTiedTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_TIES");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Answer pay(String paymentRequestId, long minor) {
        return merchant.call("pay", userPresented(paymentRequestId, "USD", minor, gateway.wallet.issuePaymentCode("alice")));
    }

    @Test
    void aSuccessAboutAnotherPaymentIsUnknownUntilTheWalletAnswersForThisOne() {
        gateway.wallet.rewriteNextAnswer("pay", body -> with(body, "paymentRequestId", "2026112300000000000000000000"));
        try (LogCapture logs = new LogCapture()) {
            Answer paid = pay("PR-T1", 1_250);

            assertThat(paid.resultStatus()).as("not a success").isEqualTo("U");
            assertThat(paid.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
            assertThat(logs.containing("Wallet answer mismatch")).as("logged").hasSize(1);
        }
        assertThat(gateway.metrics.sum(Metrics.Name.WALLET_ANSWER_MISMATCH)).as("counted for the alarm").isEqualTo(1);
        String paymentId = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-T1")).get("paymentId");
        assertThat(gateway.payment(paymentId).status()).isEqualTo(PaymentStatus.PROCESSING);

        gateway.clock.advance(Duration.ofSeconds(5));
        gateway.sweep();
        assertThat(gateway.payment(paymentId).status()).as("the inquiry's own answer").isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void aSuccessForAnotherAmountOrCurrencyIsNotASuccess() {
        gateway.wallet.rewriteNextAnswer("pay", body -> with(body, "paymentAmount", Map.of("currency", "USD", "value", "1")));
        assertThat(pay("PR-T2", 1_250).resultStatus()).isEqualTo("U");
        gateway.wallet.rewriteNextAnswer("pay", body -> with(body, "paymentAmount", Map.of("currency", "JPY", "value", "1250")));
        assertThat(pay("PR-T3", 1_250).resultStatus()).isEqualTo("U");
    }

    @Test
    void aPaymentTimeBeforeThePaymentExistedStillLetsTheMerchantCancelAndRefund() {
        gateway.wallet.rewriteNextAnswer("pay", body -> with(body, "paymentTime", "2020-01-01T00:00:00Z"));
        Answer paid = pay("PR-T4", 1_250);
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        Payment payment = gateway.payment(paid.get("paymentId"));
        assertThat(payment.paymentTime()).isEqualTo(payment.createdAt());

        Answer cancel = merchant.call("cancel", Map.of("paymentId", paid.get("paymentId")));
        assertThat(cancel.resultCode()).as("inside the cancel window of the real payment").isEqualTo("SUCCESS");
    }

    @Test
    void aPaymentTimeAtTheEndOfTimeDoesNotBreakEveryLaterCall() {
        gateway.wallet.rewriteNextAnswer("pay", body -> with(body, "paymentTime", "+999999999-12-31T00:00:00Z"));
        Answer paid = pay("PR-T5", 1_250);
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");

        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-T5"));
        assertThat(inquiry.resultCode()).isEqualTo("SUCCESS");
        assertThat(inquiry.get("paymentStatus")).isEqualTo("SUCCESS");
        assertThat(merchant.call("refund", Map.of("refundRequestId", "RF-T5", "paymentId", paid.get("paymentId"),
                "refundAmount", Map.of("currency", "USD", "value", "250"))).resultCode()).isEqualTo("SUCCESS");
        assertThat(merchant.call("cancel", Map.of("paymentId", paid.get("paymentId"))).resultStatus())
                .as("an answer, not UNKNOWN_EXCEPTION").isEqualTo("F");
    }

    @Test
    void aRefundAnswerForAnotherAmountIsNoAnswer() {
        Answer paid = pay("PR-T7", 1_250);
        gateway.wallet.rewriteNextAnswer("refund", body -> with(body, "refundAmount", Map.of("currency", "USD", "value", "1250")));

        Answer refund = merchant.call("refund", Map.of("refundRequestId", "RF-T7", "paymentId", paid.get("paymentId"),
                "refundAmount", Map.of("currency", "USD", "value", "250")));

        assertThat(refund.resultCode()).as("a success for 12.50 is not this refund's of 2.50").isEqualTo("REFUND_IN_PROCESS");
        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();
        assertThat(merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-T7")).get("refundStatus")).isEqualTo("SUCCESS");
    }

    @Test
    void anFCodeTheMerchantMustNotSeeIsMappedOnTheInquiryPathToo() {
        // 9901: the wallet is still charging when pay returns; the inquiry is what says F
        Answer pending = pay("PR-T6", 9_901);
        assertThat(pending.resultStatus()).isEqualTo("U");
        gateway.wallet.rewriteNextAnswer("inquiryPayment", body -> with(body, "paymentResult",
                new Result("SUCCESS", ResultStatus.F, "odd").toWire()));
        gateway.clock.advance(Duration.ofSeconds(4));
        gateway.sweep();

        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-T6"));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("FAIL");
        assertThat(inquiry.get("paymentResultCode")).isEqualTo("PROCESS_FAIL");
    }

    private static Map<String, Object> with(Map<String, Object> body, String name, Object value) {
        body.put(name, value);
        return body;
    }
}
