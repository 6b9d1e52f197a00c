package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A merchant scans a customer's wallet code: the real Lambda handler, DynamoDB Local and the wallet
 * simulator over HTTP, with the clock moved by hand.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserPresentedPaymentTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test has its own request ids and customers
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_HARBOUR");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @Test
    void paysAndDebitsTheCustomer() {
        String code = gateway.wallet.issuePaymentCode("alice");
        long before = gateway.wallet.balance("alice", "USD");

        Answer answer = merchant.call("pay", userPresented("PR-1", "USD", 1250, code));

        assertThat(answer.resultStatus()).isEqualTo("S");
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        assertThat(answer.get("paymentRequestId")).isEqualTo("PR-1");
        assertThat(answer.get("paymentId")).isNotBlank();
        assertThat(answer.object("paymentAmount")).isEqualTo(Map.of("currency", "USD", "value", "1250"));
        assertThat(answer.get("paymentTime")).isNotBlank();
        assertThat(answer.object("pspCustomerInfo")).containsEntry("pspName", gateway.wallet.pspName());
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before - 1250);
        Payment stored = gateway.payment(answer.get("paymentId"));
        assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(stored.nextCheckAt()).as("nothing left to check").isNull();
        assertThat(stored.paymentCodeMask()).doesNotContain(code.substring(4, code.length() - 4));
    }

    @Test
    void passesTheWalletsDeclineReason() {
        String code = gateway.wallet.issuePaymentCode("bob");
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().balance("USD", 100).build());

        Answer answer = merchant.call("pay", userPresented("PR-2", "USD", 5000, code));

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-2"));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("FAIL");
        assertThat(inquiry.get("paymentResultCode")).isEqualTo("USER_BALANCE_NOT_ENOUGH");
    }

    @Test
    void unknownCodeIsInvalidPaymentCodeAndWritesNothing() {
        Answer answer = merchant.call("pay", userPresented("PR-3", "USD", 100, "130000000000000000"));

        assertThat(answer.resultCode()).isEqualTo("INVALID_PAYMENT_CODE");
        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(gateway.payments().findByRequest(merchant.clientId, "PR-3")).isEmpty();
    }

    @Test
    void inProcessIsResolvedByInquiry() {
        String code = gateway.wallet.issuePaymentCode("carol");
        gateway.wallet.configureCustomer("carol", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS).settleAfter(Duration.ofSeconds(10)).build());

        Answer pay = merchant.call("pay", userPresented("PR-4", "USD", 700, code));
        assertThat(pay.resultStatus()).as("waiting for the customer is not failure").isEqualTo("U");
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        String paymentId = pay.get("paymentId");

        gateway.clock.advance(Duration.ofSeconds(3));
        assertThat(merchant.call("inquiryPayment", Map.of("paymentId", paymentId)).get("paymentStatus")).isEqualTo("PROCESSING");

        gateway.clock.advance(Duration.ofSeconds(8));
        Answer settled = merchant.call("inquiryPayment", Map.of("paymentId", paymentId));
        assertThat(settled.get("paymentStatus")).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.chargeCount(paymentId)).isEqualTo(1);
    }

    @Test
    void inquiryAsksTheWalletAtMostOncePerGap() {
        String code = gateway.wallet.issuePaymentCode("dan");
        gateway.wallet.configureCustomer("dan", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS).settleAfter(Duration.ofSeconds(60)).build());
        String paymentId = merchant.call("pay", userPresented("PR-5", "USD", 700, code)).get("paymentId");
        gateway.clock.advance(Duration.ofSeconds(3));
        int before = gateway.wallet.callCount("inquiryPayment");

        for (int i = 0; i < 5; i++) {
            merchant.call("inquiryPayment", Map.of("paymentId", paymentId));
        }

        assertThat(gateway.wallet.callCount("inquiryPayment") - before).isEqualTo(1);
    }

    @Test
    void unsignedOrBadlySignedWalletSuccessIsNotSuccess() {
        String code = gateway.wallet.issuePaymentCode("erin");
        gateway.wallet.configureCustomer("erin", CustomerSettings.behaviour(Behaviour.BAD_SIGNATURE));

        Answer answer = merchant.call("pay", userPresented("PR-6", "USD", 300, code));

        assertThat(answer.resultStatus()).isEqualTo("U");
        assertThat(gateway.payment(answer.get("paymentId")).status()).isEqualTo(PaymentStatus.PROCESSING);
    }

    @Test
    void walletThatNeverAnswersGetsCancelledAfterTheDeadlineUntilItConfirms() {
        String code = gateway.wallet.issuePaymentCode("frank");
        gateway.wallet.configureCustomer("frank", CustomerSettings.behaviour(Behaviour.NO_ANSWER));
        long before = gateway.wallet.balance("frank", "USD");

        Answer pay = merchant.call("pay", userPresented("PR-7", "USD", 900, code));
        assertThat(pay.resultStatus()).isEqualTo("U");
        String paymentId = pay.get("paymentId");

        // the wallet is unreachable for cancels too, at first
        gateway.wallet.setFault(dev.scanpay.simulator.Fault.HANG);
        gateway.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        gateway.sweep();
        Payment closed = gateway.payment(paymentId);
        assertThat(closed.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(closed.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(closed.nextCheckAt()).isAfter(gateway.now());

        gateway.wallet.setFault(dev.scanpay.simulator.Fault.NONE);
        gateway.clock.advance(Duration.ofSeconds(3));
        gateway.sweep();
        Payment confirmed = gateway.payment(paymentId);
        assertThat(confirmed.cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(confirmed.nextCheckAt()).isNull();

        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentId", paymentId));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("FAIL");
        assertThat(inquiry.get("paymentResultCode")).isEqualTo("ORDER_IS_CLOSED");
        assertThat(gateway.wallet.balance("frank", "USD")).as("the customer got the money back").isEqualTo(before);
    }

    @Test
    void walletServerErrorLeavesThePaymentInProcessNotFailed() {
        String code = gateway.wallet.issuePaymentCode("gina");
        gateway.wallet.configureCustomer("gina", CustomerSettings.behaviour(Behaviour.SERVER_ERROR));

        Answer pay = merchant.call("pay", userPresented("PR-8", "USD", 400, code));

        assertThat(pay.resultStatus()).isEqualTo("U");
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
    }

    @Test
    void paysInCurrenciesWithZeroAndThreeDecimals() {
        String code = gateway.wallet.issuePaymentCode("hana");
        Answer yen = merchant.call("pay", userPresented("PR-JPY", "JPY", 1000, code));
        assertThat(yen.resultCode()).isEqualTo("SUCCESS");
        assertThat(yen.object("paymentAmount")).containsEntry("value", "1000");

        String second = gateway.wallet.issuePaymentCode("hana");
        Answer dinar = merchant.call("pay", userPresented("PR-KWD", "KWD", 1500, second));
        assertThat(dinar.resultCode()).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("hana", "JPY")).isEqualTo(1_000_000 - 1000);
    }
}
