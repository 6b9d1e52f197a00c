package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.simulator.SimulatedPayment.Status;
import dev.scanpay.simulator.TestGateway.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class InProcessAndCancelTest extends SimulatorTestSupport {

    @Test
    void anInProcessPaySettlesAsSuccessOnceTheClockPassesSettleAfter() throws Exception {
        String code = simulator.issuePaymentCode("alice");

        Answer pay = gateway.pay("PAY-IP", code, 9901, "USD");
        assertThat(pay.resultStatus()).isEqualTo("U");
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000);

        clock.advance(Duration.ofSeconds(9));
        Answer early = gateway.inquire("PAY-IP");
        assertThat(early.resultStatus()).isEqualTo("S");
        assertThat(early.paymentResultStatus()).isEqualTo("U");
        assertThat(early.paymentResultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        assertThat(simulator.chargeCount("PAY-IP")).isZero();

        clock.advance(Duration.ofSeconds(1));
        Answer settled = gateway.inquire("PAY-IP");
        assertThat(settled.paymentResultStatus()).isEqualTo("S");
        assertThat(settled.paymentResultCode()).isEqualTo("SUCCESS");
        Map<String, Object> body = settled.verified();
        assertThat(body.get("paymentId")).isEqualTo(pay.verified().get("paymentId"));
        assertThat(body.get("customerId")).isEqualTo("alice");
        assertThat(body.get("paymentTime")).isEqualTo("2026-03-01T10:00:10+00:00");
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000 - 9901);
        assertThat(simulator.chargeCount("PAY-IP")).isEqualTo(1);

        // a late repeat of the pay now reports the success, still one charge
        assertThat(gateway.pay("PAY-IP", code, 9901, "USD").resultCode()).isEqualTo("SUCCESS");
        assertThat(simulator.chargeCount("PAY-IP")).isEqualTo(1);
    }

    @Test
    void settleAfterIsPerCustomer() throws Exception {
        simulator.configureCustomer("bob", CustomerSettings.builder()
                .behaviour(Behaviour.IN_PROCESS).settleAfter(Duration.ofSeconds(3)).build());
        String code = simulator.issuePaymentCode("bob");
        assertThat(gateway.pay("PAY-IP2", code, 500, "USD").resultStatus()).isEqualTo("U");

        clock.advance(Duration.ofSeconds(3));

        assertThat(simulator.payment("PAY-IP2").get().status()).isEqualTo(Status.PAID);
        assertThat(gateway.inquire("PAY-IP2").paymentResultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void anInProcessPayThatFindsTheBalanceShortSettlesAsDeclined() throws Exception {
        simulator.configureCustomer("cat", CustomerSettings.builder().balance("USD", 100).build());
        String code = simulator.issuePaymentCode("cat");
        gateway.pay("PAY-IP3", code, 9901, "USD");

        clock.advance(Duration.ofSeconds(10));

        Answer inquiry = gateway.inquire("PAY-IP3");
        assertThat(inquiry.paymentResultStatus()).isEqualTo("F");
        assertThat(inquiry.paymentResultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(simulator.totalCharges()).isZero();
    }

    @Test
    void inquiryOfAnUnknownPaymentIsOrderNotExist() throws Exception {
        Answer answer = gateway.inquire("NOPE");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(answer.verified()).doesNotContainKey("paymentResult");
    }

    @Test
    void inquiryOfAPaidPaymentCarriesItsDetails() throws Exception {
        String code = simulator.issuePaymentCode("dan");
        gateway.pay("PAY-Q", code, 300, "EUR").verified();

        Map<String, Object> body = gateway.inquire("PAY-Q").verified();

        assertThat(body.get("paymentResult")).isEqualTo(Map.of("resultCode", "SUCCESS", "resultStatus", "S", "resultMessage", "success"));
        assertThat(body.get("paymentAmount")).isEqualTo(Map.of("currency", "EUR", "value", "300"));
        assertThat(body.get("customerId")).isEqualTo("dan");
        assertThat(body).containsKeys("paymentId", "paymentTime");
    }

    @Test
    void cancelRefundsAPaidPaymentAndIsIdempotent() throws Exception {
        String code = simulator.issuePaymentCode("eve");
        gateway.pay("PAY-X", code, 2500, "USD").verified();
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000 - 2500);

        Answer cancel = gateway.cancel("PAY-X");
        assertThat(cancel.resultStatus()).isEqualTo("S");
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000);

        assertThat(gateway.cancel("PAY-X").resultStatus()).isEqualTo("S");
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000);
        assertThat(simulator.payment("PAY-X").get().status()).isEqualTo(Status.CANCELLED);
        assertThat(simulator.chargeCount("PAY-X")).isEqualTo(1);

        Answer inquiry = gateway.inquire("PAY-X");
        assertThat(inquiry.paymentResultStatus()).isEqualTo("F");
        assertThat(inquiry.paymentResultCode()).isEqualTo("ORDER_IS_CLOSED");
        // a repeat of the pay now reports it closed, and takes nothing
        assertThat(gateway.pay("PAY-X", code, 2500, "USD").resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(simulator.balance("eve", "USD")).isEqualTo(500_000);
    }

    @Test
    void cancelOfAnInProcessPaymentStopsItFromEverCharging() throws Exception {
        String code = simulator.issuePaymentCode("fay");
        gateway.pay("PAY-IPC", code, 9901, "USD");

        assertThat(gateway.cancel("PAY-IPC").resultStatus()).isEqualTo("S");
        clock.advance(Duration.ofMinutes(5));

        assertThat(simulator.chargeCount("PAY-IPC")).isZero();
        assertThat(simulator.balance("fay", "USD")).isEqualTo(500_000);
        assertThat(gateway.inquire("PAY-IPC").paymentResultCode()).isEqualTo("ORDER_IS_CLOSED");
    }

    @Test
    void aCancelThatArrivesBeforeThePayMakesThePayRefused() throws Exception {
        String code = simulator.issuePaymentCode("gus");

        assertThat(gateway.cancel("PAY-LATE").resultStatus()).isEqualTo("S");
        Answer pay = gateway.pay("PAY-LATE", code, 1000, "USD");

        assertThat(pay.resultStatus()).isEqualTo("F");
        assertThat(pay.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(simulator.chargeCount("PAY-LATE")).isZero();
        assertThat(simulator.balance("gus", "USD")).isEqualTo(500_000);
        assertThat(simulator.payment("PAY-LATE").get().status()).isEqualTo(Status.CANCELLED);
        assertThat(gateway.inquire("PAY-LATE").paymentResultCode()).isEqualTo("ORDER_IS_CLOSED");
        // the code was not used up by the refused pay
        assertThat(gateway.pay("PAY-NEXT", code, 1000, "USD").resultCode()).isEqualTo("SUCCESS");
    }
}
