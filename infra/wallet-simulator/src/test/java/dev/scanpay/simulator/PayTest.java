package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.simulator.SimulatedPayment.Status;
import dev.scanpay.simulator.TestGateway.Answer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class PayTest extends SimulatorTestSupport {

    @Test
    void successDebitsTheBalanceAndAnswersSigned() throws Exception {
        String code = simulator.issuePaymentCode("alice");

        Answer answer = gateway.pay("PAY-1", code, 1250, "USD");

        Map<String, Object> body = answer.verified();
        assertThat(answer.resultStatus()).isEqualTo("S");
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        assertThat(body.get("paymentId")).asString().isNotBlank();
        assertThat(body.get("customerId")).isEqualTo("alice");
        assertThat(body.get("paymentAmount")).isEqualTo(Map.of("currency", "USD", "value", "1250"));
        assertThat(OffsetDateTime.parse((String) body.get("paymentTime")).toInstant()).isEqualTo(clock.instant());
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000 - 1250);
        assertThat(simulator.chargeCount("PAY-1")).isEqualTo(1);
        assertThat(simulator.payment("PAY-1")).get().extracting(SimulatedPayment::status).isEqualTo(Status.PAID);
        assertThat(simulator.callCount("pay")).isEqualTo(1);
    }

    @Test
    void currencyExponentsApply() throws Exception {
        String code = simulator.issuePaymentCode("kenji");

        assertThat(gateway.pay("PAY-JPY", code, 1500, "JPY").resultCode()).isEqualTo("SUCCESS");

        assertThat(simulator.balance("kenji", "JPY")).isEqualTo(1_000_000 - 1500);
        assertThat(simulator.balance("kenji", "KWD")).isEqualTo(2_000_000);
        assertThat(simulator.payment("PAY-JPY").get().amount()).isEqualTo(Money.of(1500, "JPY"));
    }

    @Test
    void declineByAmountTriggerUsesTheCustomersDeclineCode() throws Exception {
        simulator.configureCustomer("bob", CustomerSettings.builder().declineCode("USER_STATUS_ABNORMAL").build());
        String code = simulator.issuePaymentCode("bob");

        Answer answer = gateway.pay("PAY-D", code, 19905, "USD");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("USER_STATUS_ABNORMAL");
        assertThat(simulator.balance("bob", "USD")).isEqualTo(500_000);
        assertThat(simulator.chargeCount("PAY-D")).isZero();
        assertThat(simulator.payment("PAY-D").get().status()).isEqualTo(Status.DECLINED);
    }

    @Test
    void declineByCustomerBehaviourDefaultsToRiskReject() throws Exception {
        simulator.configureCustomer("carol", CustomerSettings.behaviour(Behaviour.DECLINE));
        String code = simulator.issuePaymentCode("carol");

        Answer answer = gateway.pay("PAY-D2", code, 1000, "USD");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("RISK_REJECT");
        assertThat(simulator.totalCharges()).isZero();
    }

    @Test
    void amountTriggerWinsOverTheCustomerSetting() throws Exception {
        simulator.configureCustomer("dave", CustomerSettings.behaviour(Behaviour.DECLINE));
        String code = simulator.issuePaymentCode("dave");

        // 9901 selects IN_PROCESS even though dave declines everything
        Answer answer = gateway.pay("PAY-T", code, 9901, "USD");

        assertThat(answer.resultStatus()).isEqualTo("U");
        assertThat(answer.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        assertThat(simulator.payment("PAY-T").get().behaviour()).isEqualTo(Behaviour.IN_PROCESS);
    }

    @Test
    void insufficientBalanceIsDeclinedWithoutCharge() throws Exception {
        simulator.configureCustomer("erin", CustomerSettings.builder().balance("USD", 1000).build());
        String code = simulator.issuePaymentCode("erin");

        Answer answer = gateway.pay("PAY-B", code, 1001, "USD");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(simulator.balance("erin", "USD")).isEqualTo(1000);
        assertThat(simulator.chargeCount("PAY-B")).isZero();
    }

    @Test
    void aCurrencyTheCustomerDoesNotHoldIsABalanceShortfall() throws Exception {
        String code = simulator.issuePaymentCode("frank");

        assertThat(gateway.pay("PAY-THB", code, 100, "THB").resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
    }

    @Test
    void aRepeatedPayReturnsTheSameResultWithoutChargingAgain() throws Exception {
        String code = simulator.issuePaymentCode("gina");
        Map<String, Object> first = gateway.pay("PAY-R", code, 700, "USD").verified();

        Map<String, Object> second = gateway.pay("PAY-R", code, 700, "USD").verified();

        assertThat(second.get("paymentId")).isEqualTo(first.get("paymentId"));
        assertThat(second.get("result")).isEqualTo(first.get("result"));
        assertThat(simulator.chargeCount("PAY-R")).isEqualTo(1);
        assertThat(simulator.balance("gina", "USD")).isEqualTo(500_000 - 700);
    }

    @Test
    void aDifferentPayUnderAKnownIdIsInconsistent() throws Exception {
        String code = simulator.issuePaymentCode("hank");
        gateway.pay("PAY-X", code, 700, "USD").verified();

        Answer answer = gateway.pay("PAY-X", code, 800, "USD");

        assertThat(answer.resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(simulator.chargeCount("PAY-X")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentIdenticalPaysChargeOnce() throws Exception {
        String code = simulator.issuePaymentCode("ivy");
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return gateway.pay("PAY-C", code, 4200, "USD");
                }));
            }
            go.countDown();
            List<Object> paymentIds = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                Answer a = answer.get();
                assertThat(a.resultCode()).isEqualTo("SUCCESS");
                paymentIds.add(a.verified().get("paymentId"));
            }
            assertThat(paymentIds).hasSize(callers).containsOnly(paymentIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(simulator.callCount("pay")).isEqualTo(callers);
        assertThat(simulator.chargeCount("PAY-C")).isEqualTo(1);
        assertThat(simulator.totalCharges()).isEqualTo(1);
        assertThat(simulator.balance("ivy", "USD")).isEqualTo(500_000 - 4200);
    }

    @Test
    void anUnknownCodeIsInvalid() throws Exception {
        Answer answer = gateway.pay("PAY-U", "289912345678901234", 100, "USD");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("INVALID_PAYMENT_CODE");
    }

    @Test
    void aCodeIsSingleUse() throws Exception {
        String code = simulator.issuePaymentCode("jack");
        assertThat(gateway.pay("PAY-S1", code, 100, "USD").resultCode()).isEqualTo("SUCCESS");

        Answer reuse = gateway.pay("PAY-S2", code, 100, "USD");

        assertThat(reuse.resultCode()).isEqualTo("INVALID_PAYMENT_CODE");
        assertThat(simulator.chargeCount("PAY-S2")).isZero();
        assertThat(simulator.totalCharges()).isEqualTo(1);
    }

    @Test
    void aCodeExpiresSixtySecondsAfterIssueOnTheSimulatorClock() throws Exception {
        String stillValid = simulator.issuePaymentCode("kate");
        String expired = simulator.issuePaymentCode("kate");
        clock.advance(Duration.ofSeconds(60));
        assertThat(gateway.pay("PAY-E1", stillValid, 100, "USD").resultCode()).isEqualTo("SUCCESS");

        clock.advance(Duration.ofSeconds(1));
        Answer answer = gateway.pay("PAY-E2", expired, 100, "USD");

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("EXPIRED_CODE");
        assertThat(simulator.chargeCount("PAY-E2")).isZero();
    }

    @Test
    void aMalformedPayIsParamIllegalAndSigned() throws Exception {
        Answer answer = gateway.call("pay", Map.of("paymentRequestId", "PAY-M"));

        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(simulator.payment("PAY-M")).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsParamIllegalAndSigned() throws Exception {
        Answer answer = gateway.callSignedBy(gateway.signer, "pay", "{not json".getBytes());

        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
    }
}
