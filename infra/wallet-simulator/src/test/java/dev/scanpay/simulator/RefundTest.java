package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.simulator.SimulatedRefund.Status;
import dev.scanpay.simulator.TestGateway.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RefundTest extends SimulatorTestSupport {

    private void paid(String customerId, String paymentRequestId, long minor) throws IOException {
        String code = simulator.issuePaymentCode(customerId);
        assertThat(gateway.pay(paymentRequestId, code, minor, "USD").resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void aRefundCreditsTheCustomerAndIsIdempotent() throws Exception {
        paid("alice", "PAY-1", 5000);

        Answer refund = gateway.refund("REF-1", "PAY-1", 2000, "USD");
        Map<String, Object> body = refund.verified();
        assertThat(refund.resultCode()).isEqualTo("SUCCESS");
        assertThat(body).containsKeys("refundId", "refundTime");
        assertThat(body.get("refundAmount")).isEqualTo(Map.of("currency", "USD", "value", "2000"));
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000 - 3000);

        Map<String, Object> again = gateway.refund("REF-1", "PAY-1", 2000, "USD").verified();
        assertThat(again.get("refundId")).isEqualTo(body.get("refundId"));
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000 - 3000);
        assertThat(simulator.payment("PAY-1").get().refundedMinor()).isEqualTo(2000);
    }

    @Test
    void refundsNeverAddUpToMoreThanWasPaid() throws Exception {
        paid("bob", "PAY-2", 5000);
        assertThat(gateway.refund("REF-A", "PAY-2", 3000, "USD").resultCode()).isEqualTo("SUCCESS");

        Answer tooMuch = gateway.refund("REF-B", "PAY-2", 2001, "USD");
        assertThat(tooMuch.resultStatus()).isEqualTo("F");
        assertThat(tooMuch.resultCode()).isEqualTo("REFUND_AMOUNT_EXCEED");

        assertThat(gateway.refund("REF-C", "PAY-2", 2000, "USD").resultCode()).isEqualTo("SUCCESS");
        assertThat(simulator.balance("bob", "USD")).isEqualTo(500_000);
    }

    @Test
    void refundOfAnUnknownOrUnpaidPaymentIsRefused() throws Exception {
        assertThat(gateway.refund("REF-X", "NOPE", 100, "USD").resultCode()).isEqualTo("ORDER_NOT_EXIST");

        paid("cat", "PAY-3", 1000);
        gateway.cancel("PAY-3").verified();
        assertThat(gateway.refund("REF-Y", "PAY-3", 100, "USD").resultCode()).isEqualTo("ORDER_STATUS_INVALID");
        assertThat(simulator.balance("cat", "USD")).isEqualTo(500_000);
    }

    @Test
    void refundDeclineAnswersProcessFail() throws Exception {
        simulator.configureCustomer("dan", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_DECLINE).build());
        paid("dan", "PAY-4", 1000);

        Answer refund = gateway.refund("REF-D", "PAY-4", 1000, "USD");

        assertThat(refund.resultStatus()).isEqualTo("F");
        assertThat(refund.resultCode()).isEqualTo("PROCESS_FAIL");
        assertThat(simulator.balance("dan", "USD")).isEqualTo(500_000 - 1000);
    }

    @Test
    void anInProcessRefundSettlesWhenTheClockMoves() throws Exception {
        simulator.configureCustomer("eve", CustomerSettings.builder()
                .refundBehaviour(RefundBehaviour.REFUND_IN_PROCESS).settleAfter(Duration.ofSeconds(5)).build());
        paid("eve", "PAY-5", 1000);

        Answer refund = gateway.refund("REF-E", "PAY-5", 1000, "USD");
        assertThat(refund.resultStatus()).isEqualTo("U");
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000 - 1000);

        clock.advance(Duration.ofSeconds(5));
        Answer settled = gateway.refund("REF-E", "PAY-5", 1000, "USD");
        assertThat(settled.resultStatus()).isEqualTo("S");
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000);
        assertThat(simulator.payment("PAY-5").get().refunds()).singleElement()
                .extracting(SimulatedRefund::status).isEqualTo(Status.SUCCESS);
    }

    @Test
    void noAnswerRefundCreditsButNeverAnswers() throws Exception {
        simulator.configureCustomer("fred", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_NO_ANSWER).build());
        paid("fred", "PAY-6", 1000);

        assertThatThrownBy(() -> gateway.refund("REF-F", "PAY-6", 1000, "USD")).isInstanceOf(IOException.class);

        assertThat(simulator.balance("fred", "USD")).isEqualTo(500_000);
    }

    @Test
    void aRefundIdReusedForADifferentRefundIsInconsistent() throws Exception {
        paid("gail", "PAY-7", 1000);
        gateway.refund("REF-G", "PAY-7", 100, "USD").verified();

        assertThat(gateway.refund("REF-G", "PAY-7", 200, "USD").resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
    }

    @Test
    void cancelAfterAPartialRefundGivesBackOnlyTheRest() throws Exception {
        paid("hal", "PAY-8", 1000);
        gateway.refund("REF-H", "PAY-8", 400, "USD").verified();

        gateway.cancel("PAY-8").verified();

        assertThat(simulator.balance("hal", "USD")).isEqualTo(500_000);
    }
}
