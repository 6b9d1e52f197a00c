package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.simulator.SimulatedPayment.Status;
import dev.scanpay.simulator.TestGateway.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The behaviours that charge (or not) but answer badly or not at all. */
@Tag("integration")
class AnswerBehaviourTest extends SimulatorTestSupport {

    @Test
    void badSignatureChargesButTheAnswerDoesNotVerify() throws Exception {
        String code = simulator.issuePaymentCode("alice");

        Answer pay = gateway.pay("PAY-BS", code, 19904, "USD");

        assertThat(pay.status).isEqualTo(200);
        assertThat(pay.headers.firstValue("Signature")).isPresent();
        assertThat(pay.headers.firstValue("Response-Time")).isPresent();
        assertThat(pay.verifies()).isFalse();
        assertThat(pay.json()).extractingByKey("result").extracting("resultCode").isEqualTo("SUCCESS");
        assertThat(simulator.chargeCount("PAY-BS")).isEqualTo(1);

        Answer inquiry = gateway.inquire("PAY-BS");
        assertThat(inquiry.status).isEqualTo(200);
        assertThat(inquiry.verifies()).isFalse();

        // cancel is answered properly, whatever the payment's behaviour
        assertThat(gateway.cancel("PAY-BS").resultStatus()).isEqualTo("S");
        assertThat(simulator.balance("alice", "USD")).isEqualTo(500_000);
    }

    @Test
    void unsignedChargesAndAnswersWithoutSignatureHeaders() throws Exception {
        simulator.configureCustomer("bob", CustomerSettings.behaviour(Behaviour.UNSIGNED));
        String code = simulator.issuePaymentCode("bob");

        Answer pay = gateway.pay("PAY-NS", code, 1000, "USD");

        assertThat(pay.status).isEqualTo(200);
        assertThat(pay.headers.firstValue("Signature")).isEmpty();
        assertThat(pay.headers.firstValue("Response-Time")).isEmpty();
        assertThat(pay.json()).extractingByKey("result").extracting("resultCode").isEqualTo("SUCCESS");
        assertThat(simulator.chargeCount("PAY-NS")).isEqualTo(1);
        assertThat(gateway.inquire("PAY-NS").headers.firstValue("Signature")).isEmpty();
    }

    @Test
    void serverErrorAnswers500AndChargesNothing() throws Exception {
        String code = simulator.issuePaymentCode("carl");

        Answer pay = gateway.pay("PAY-500", code, 9903, "USD");
        assertThat(pay.status).isEqualTo(500);
        assertThat(gateway.inquire("PAY-500").status).isEqualTo(500);
        assertThat(simulator.chargeCount("PAY-500")).isZero();
        assertThat(simulator.balance("carl", "USD")).isEqualTo(500_000);

        assertThat(gateway.cancel("PAY-500").resultStatus()).isEqualTo("S");
        assertThat(simulator.payment("PAY-500").get().status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void noAnswerChargesButNeverAnswersPayOrInquiryWhileCancelStillRefunds() throws Exception {
        String code = simulator.issuePaymentCode("dora");

        CompletableFuture<Answer> inquiry;
        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.pay("PAY-NA", code, 9902, "USD")).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(HANG.minusMillis(100));
        assertThat(simulator.chargeCount("PAY-NA")).isEqualTo(1);
        assertThat(simulator.balance("dora", "USD")).isEqualTo(500_000 - 9902);

        // the inquiry hangs too; meanwhile, cancel is answered at once
        inquiry = CompletableFuture.supplyAsync(() -> {
            try {
                return gateway.inquire("PAY-NA");
            } catch (IOException e) {
                return null;
            }
        });
        Answer cancel = gateway.cancel("PAY-NA");
        assertThat(cancel.resultStatus()).isEqualTo("S");
        assertThat(simulator.balance("dora", "USD")).isEqualTo(500_000);
        assertThat(inquiry.get()).as("inquiry gets no answer").isNull();
        assertThat(simulator.callCount("inquiryPayment")).isEqualTo(1);
    }

    @Test
    void closingTheSimulatorDropsHeldConnectionsAtOnce() throws Exception {
        try (WalletSimulator slow = WalletSimulator.start(SimulatorConfig.builder()
                .clock(clock).hangDuration(Duration.ofSeconds(60)).keyPair(TestKeys.WALLET).build())) {
            slow.trustGateway(TestGateway.CLIENT_ID, TestKeys.GATEWAY.getPublic());
            TestGateway slowGateway = new TestGateway(slow, clock);
            String code = slow.issuePaymentCode("ed");
            CompletableFuture<Boolean> dropped = CompletableFuture.supplyAsync(() -> {
                try {
                    slowGateway.pay("PAY-H", code, 9902, "USD");
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (slow.callCount("pay") == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(slow.callCount("pay")).as("the pay reached the simulator").isEqualTo(1);
            long started = System.nanoTime();
            slow.close();

            assertThat(dropped.get()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
