package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.RefundBehaviour;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * WalletDirectory.byId reads one wallet with a GetItem on the WALLET partition whenever its cached list is
 * missing or older than 30 s (always, in a function that never loads the list). The merchant API (refunds,
 * cancels) and the sweeper (every follow-up) look wallets up that way, so their policies must allow that
 * GetItem; otherwise in AWS a refund half a minute after the last pay, and every follow-up of a fresh sweeper,
 * is refused.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletLookupPoliciesTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test moves the clock past the 30 s the wallet list is
    // cached for, has its own request ids and customers, and counts the wallet calls it makes
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_LOOKUP");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    private String paid(String requestId, String customer) {
        Answer paid = merchant.call("pay", userPresented(requestId, "USD", 5_000, gateway.wallet.issuePaymentCode(customer)));
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        return paid.get("paymentId");
    }

    @Test
    void aRefundWithTheWalletListStaleIsWithinTheMerchantApisPolicy() {
        String paymentId = paid("PR-L1", "alice");
        gateway.clock.advance(Duration.ofSeconds(31));

        Answer refund = merchant.call("refund", Map.of("refundRequestId", "RF-L1", "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", "1000")));

        assertThat(refund.resultCode()).isEqualTo("SUCCESS");
        gateway.dynamoCalls.assertWithinPolicies();
    }

    @Test
    void aRefundFollowUpIsWithinTheSweepersPolicy() {
        int refundCallsBefore = gateway.wallet.callCount("refund");
        String paymentId = paid("PR-L2", "bob");
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_NO_ANSWER).build());
        assertThat(merchant.call("refund", Map.of("refundRequestId", "RF-L2", "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", "1000"))).resultCode()).isEqualTo("REFUND_IN_PROCESS");
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_SUCCESS).build());
        gateway.clock.advance(Duration.ofMinutes(1));

        gateway.sweep();

        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).as("the follow-up asked the wallet").isEqualTo(2);
        gateway.dynamoCalls.assertWithinPolicies();
    }
}
