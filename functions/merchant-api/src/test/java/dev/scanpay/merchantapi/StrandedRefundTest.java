package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.RefundBehaviour;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.FaultyDynamo;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A refund whose reservation landed but whose answer was lost (the same as a function stopping between the
 * reservation and the wallet call): the wallet never saw it, and the refund says so (unsent). A repeat of the same
 * refundRequestId sends it at once; without a repeat the follow-up sends it once the call's timeout has passed, as
 * the refund's first call, so a decline then is a verdict (the refund fails and its amount is released) rather than
 * a repeat's F that proves nothing. As {@link StrandedPayTest} for pays.
 */
@Tag("e2e")
class StrandedRefundTest {

    private final AtomicReference<FaultyDynamo> dynamo = new AtomicReference<>();
    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(Adapter.LAMBDA, real -> {
            dynamo.set(new FaultyDynamo(real));
            return dynamo.get().client;
        });
        merchant = gateway.merchant("MERCHANT_STRANDED_REFUND");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String paid(String requestId) {
        Answer pay = merchant.call("pay", userPresented(requestId, "USD", 2_000, gateway.wallet.issuePaymentCode("alice")));
        assertThat(pay.resultStatus()).isEqualTo("S");
        return pay.get("paymentId");
    }

    private Answer refund(String refundRequestId, String paymentId) {
        return merchant.call("refund", Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", "1000")));
    }

    /** Refunds with the reservation's answer lost; returns the stranded refund as stored. */
    private Refund strand(String refundRequestId, String paymentId) {
        dynamo.get().loseAnswers("transactWriteItems", 1);
        Answer lost = refund(refundRequestId, paymentId);
        assertThat(lost.resultStatus()).as("an unknown answer, signed").isEqualTo("U");
        Refund stored = gateway.refunds().findByRequest(merchant.clientId, refundRequestId).orElseThrow();
        assertThat(stored.status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(stored.unsent()).isTrue();
        assertThat(gateway.wallet.callCount("refund")).as("the wallet never saw it").isZero();
        assertThat(gateway.payment(paymentId).refundedMinor()).as("its amount reserved").isEqualTo(1_000);
        return stored;
    }

    @Test
    void aRepeatSendsTheStrandedRefundOnce() {
        String paymentId = paid("PR-SRF-1");
        long before = gateway.wallet.balance("alice", "USD");
        strand("RF-STRAND-1", paymentId);

        Answer repeat = refund("RF-STRAND-1", paymentId);
        Answer again = refund("RF-STRAND-1", paymentId);

        assertThat(repeat.resultStatus()).as(repeat.toString()).isEqualTo("S");
        assertThat(again.resultStatus()).isEqualTo("S");
        assertThat(gateway.wallet.callCount("refund")).as("sent once").isEqualTo(1);
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before + 1_000);
        assertThat(gateway.refunds().findByRequest(merchant.clientId, "RF-STRAND-1").orElseThrow().unsent()).isFalse();
    }

    @Test
    void withoutARepeatTheFollowUpSendsItOnceItsCallWouldHaveTimedOut() {
        String paymentId = paid("PR-SRF-2");
        long before = gateway.wallet.balance("alice", "USD");
        Refund stranded = strand("RF-STRAND-2", paymentId);

        gateway.clock.set(stranded.nextCheckAt().minusMillis(1));
        gateway.sweep();
        assertThat(gateway.wallet.callCount("refund")).as("not while the first call could still be running").isZero();
        gateway.clock.set(stranded.nextCheckAt());
        gateway.sweep();

        assertThat(gateway.wallet.callCount("refund")).isEqualTo(1);
        assertThat(gateway.refunds().findByRequest(merchant.clientId, "RF-STRAND-2").orElseThrow().status())
                .isEqualTo(RefundStatus.SUCCESS);
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before + 1_000);
    }

    @Test
    void aStrandedRefundTheWalletDeclinesFailsAndReleasesItsAmount() {
        String paymentId = paid("PR-SRF-3");
        Refund stranded = strand("RF-STRAND-3", paymentId);
        gateway.wallet.configureCustomer("alice", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_DECLINE).build());

        gateway.clock.set(stranded.nextCheckAt());
        gateway.sweep();

        Refund failed = gateway.refunds().findByRequest(merchant.clientId, "RF-STRAND-3").orElseThrow();
        assertThat(failed.status()).as("the wallet's first sight of it: its decline is a verdict").isEqualTo(RefundStatus.FAIL);
        assertThat(gateway.payment(paymentId).refundedMinor()).as("released").isZero();
        assertThat(gateway.wallet.callCount("refund")).isEqualTo(1);
    }
}
