package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** Cancel closes an unpaid payment, reverses a paid one inside the window, and always wins. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test has its own request ids and customers, and counts
    // the wallet calls it makes
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_CANCEL");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @Test
    void cancelAfterSuccessReversesInFull() {
        String code = gateway.wallet.issuePaymentCode("nina");
        long before = gateway.wallet.balance("nina", "USD");
        int cancelCallsBefore = gateway.wallet.callCount("cancelPayment");
        Answer paid = merchant.call("pay", userPresented("PR-C1", "USD", 2500, code));
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");

        Answer cancel = merchant.call("cancel", Map.of("paymentRequestId", "PR-C1"));

        assertThat(cancel.resultCode()).isEqualTo("SUCCESS");
        assertThat(cancel.get("paymentId")).isEqualTo(paid.get("paymentId"));
        assertThat(cancel.get("cancelTime")).isNotBlank();
        assertThat(gateway.wallet.balance("nina", "USD")).isEqualTo(before);
        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentId", paid.get("paymentId")));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("CANCELLED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> transactions = (List<Map<String, Object>>) inquiry.json().get("transactions");
        assertThat(transactions).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("transactionType", "CANCEL").containsEntry("transactionStatus", "SUCCESS");
        });
        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "PR-C1")).resultCode()).as("repeat").isEqualTo("SUCCESS");
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelCallsBefore).isEqualTo(1);
    }

    @Test
    void cancelOutsideTheWindowIsRefused() {
        String code = gateway.wallet.issuePaymentCode("omar");
        Answer paid = merchant.call("pay", userPresented("PR-C2", "USD", 800, code));
        gateway.clock.advance(Duration.ofDays(2));

        Answer cancel = merchant.call("cancel", Map.of("paymentId", paid.get("paymentId")));

        assertThat(cancel.resultCode()).isEqualTo("CANCEL_WINDOW_EXCEED");
        assertThat(cancel.resultStatus()).isEqualTo("F");
        assertThat(gateway.payment(paid.get("paymentId")).status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void cancelWhileTheCustomerIsConfirmingClosesItForGood() {
        String code = gateway.wallet.issuePaymentCode("pia");
        gateway.wallet.configureCustomer("pia", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS).settleAfter(Duration.ofSeconds(10)).build());
        long before = gateway.wallet.balance("pia", "USD");
        Answer pay = merchant.call("pay", userPresented("PR-C3", "USD", 1200, code));
        assertThat(pay.resultStatus()).isEqualTo("U");

        Answer cancel = merchant.call("cancel", Map.of("paymentRequestId", "PR-C3"));
        assertThat(cancel.resultCode()).isEqualTo("SUCCESS");

        // the customer's confirmation time passes; the payment must never become SUCCESS
        gateway.clock.advance(Duration.ofSeconds(30));
        gateway.sweep();
        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-C3"));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("CANCELLED");
        assertThat(gateway.wallet.balance("pia", "USD")).isEqualTo(before);
        assertThat(gateway.payment(pay.get("paymentId")).cancelState()).isEqualTo(CancelState.CONFIRMED);
    }

    @Test
    void unconfirmedCancelIsRetriedUntilTheWalletConfirms() {
        String code = gateway.wallet.issuePaymentCode("quin");
        Answer paid = merchant.call("pay", userPresented("PR-C4", "USD", 600, code));
        gateway.wallet.setFault(Fault.HTTP_500);

        Answer cancel = merchant.call("cancel", Map.of("paymentId", paid.get("paymentId")));
        assertThat(cancel.resultCode()).as("the gateway owns the retries").isEqualTo("SUCCESS");
        assertThat(gateway.payment(paid.get("paymentId")).cancelState()).isEqualTo(CancelState.PENDING);

        for (int i = 0; i < 4; i++) {
            gateway.clock.advance(Duration.ofSeconds(5));
            gateway.sweep();
        }
        assertThat(gateway.payment(paid.get("paymentId")).cancelState()).isEqualTo(CancelState.PENDING);
        Answer pending = merchant.call("inquiryPayment", Map.of("paymentId", paid.get("paymentId")));
        assertThat(pending.get("paymentStatus")).isEqualTo("CANCELLED");

        gateway.wallet.setFault(Fault.NONE);
        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();
        assertThat(gateway.payment(paid.get("paymentId")).cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(gateway.payment(paid.get("paymentId")).nextCheckAt()).isNull();
    }

    @Test
    void cancelOfAFailedPaymentIsHarmless() {
        String code = gateway.wallet.issuePaymentCode("rex");
        gateway.wallet.configureCustomer("rex", CustomerSettings.behaviour(Behaviour.DECLINE));
        merchant.call("pay", userPresented("PR-C5", "USD", 100, code));

        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "PR-C5")).resultCode()).isEqualTo("SUCCESS");
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-C5")).get("paymentStatus")).isEqualTo("FAIL");
    }
}
