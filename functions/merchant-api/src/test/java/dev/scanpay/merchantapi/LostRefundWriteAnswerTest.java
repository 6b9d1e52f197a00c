package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.DynamoFaultProxy.Mode;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * As {@link LostWriteAnswerTest}, for refunds: the answer to one of the refund's own conditional writes is lost on
 * the network after it landed, and the SDK retries it. A PutItem's retry then finds its condition failed: the store
 * recognises its own write (a token in the item) instead of taking it for another caller's. Found here: the
 * follow-up's claim of a refund's check was taken as someone else's, and the wallet was not asked until the lease
 * ended. The reservation and the verdict are transactions, whose retry carries the same ClientRequestToken and
 * so succeeds as the write that landed; those two tests guard that, and the store's token would catch them too.
 */
@Tag("e2e")
class LostRefundWriteAnswerTest {

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.behindFaultProxy(Adapter.LAMBDA, 1);
        merchant = gateway.merchant("MERCHANT_LOST_REFUND_WRITE");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String paid(String requestId, long minor) {
        Answer pay = merchant.call("pay", userPresented(requestId, "USD", minor, gateway.wallet.issuePaymentCode("lee")));
        assertThat(pay.resultStatus()).isEqualTo("S");
        return pay.get("paymentId");
    }

    private Answer refund(String refundRequestId, String paymentId, long minor) {
        return merchant.call("refund", Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", Long.toString(minor))));
    }

    @Test
    void aRefundWhoseReservationLandsWithItsAnswerLostIsSentAndRefunded() {
        String paymentId = paid("PR-LOST-RF-1", 900);
        long before = gateway.wallet.balance("lee", "USD");
        // the refund's first TransactWriteItems is its reservation
        gateway.faultProxy().next("TransactWriteItems", Mode.ANSWER_LOST, 1);

        Answer refund = refund("RF-LOST-1", paymentId, 400);

        assertThat(gateway.faultProxy().counts().get(Mode.ANSWER_LOST)).as("the fault was injected").isEqualTo(1);
        assertThat(refund.resultStatus()).as(refund.toString()).isEqualTo("S");
        assertThat(gateway.wallet.callCount("refund")).isEqualTo(1);
        assertThat(gateway.wallet.balance("lee", "USD")).as("refunded once").isEqualTo(before + 400);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(400);
    }

    @Test
    void aRefundWhoseVerdictLandsWithItsAnswerLostIsAnsweredAsWritten() {
        String paymentId = paid("PR-LOST-RF-2", 900);
        long before = gateway.wallet.balance("lee", "USD");
        // the reservation passes; the second TransactWriteItems is the verdict with its ledger entry
        gateway.faultProxy().next("TransactWriteItems", Mode.PASS, 1);
        gateway.faultProxy().next("TransactWriteItems", Mode.ANSWER_LOST, 1);

        Answer refund = refund("RF-LOST-2", paymentId, 300);

        assertThat(gateway.faultProxy().counts().get(Mode.ANSWER_LOST)).as("the fault was injected").isEqualTo(1);
        assertThat(refund.resultStatus()).as(refund.toString()).isEqualTo("S");
        Refund stored = gateway.refunds().findByRequest(merchant.clientId, "RF-LOST-2").orElseThrow();
        assertThat(stored.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(gateway.wallet.callCount("refund")).isEqualTo(1);
        assertThat(gateway.wallet.balance("lee", "USD")).isEqualTo(before + 300);
    }

    @Test
    void aFollowUpWhoseClaimLandsWithItsAnswerLostStillAsksTheWallet() {
        String paymentId = paid("PR-LOST-RF-3", 900);
        long before = gateway.wallet.balance("lee", "USD");
        // the wallet refunds but answers U: the refund is left PROCESSING for the follow-up
        gateway.wallet.rewriteNextAnswer("refund", body -> Map.of("result",
                new Result("REFUND_IN_PROCESS", ResultStatus.U, "in process").toWire()));
        assertThat(refund("RF-LOST-3", paymentId, 200).resultCode()).isEqualTo("REFUND_IN_PROCESS");
        Refund processing = gateway.refunds().findByRequest(merchant.clientId, "RF-LOST-3").orElseThrow();
        gateway.clock.set(processing.nextCheckAt());
        // the follow-up's claim of the check is a PutItem of the refund
        gateway.faultProxy().next("PutItem", Mode.ANSWER_LOST, 1);

        gateway.sweep();

        assertThat(gateway.faultProxy().counts().get(Mode.ANSWER_LOST)).as("the fault was injected").isEqualTo(1);
        assertThat(gateway.wallet.callCount("refund")).as("the claimed check asked the wallet").isEqualTo(2);
        assertThat(gateway.refunds().findByRequest(merchant.clientId, "RF-LOST-3").orElseThrow().status())
                .isEqualTo(RefundStatus.SUCCESS);
        assertThat(gateway.wallet.balance("lee", "USD")).as("refunded once").isEqualTo(before + 200);
    }
}
