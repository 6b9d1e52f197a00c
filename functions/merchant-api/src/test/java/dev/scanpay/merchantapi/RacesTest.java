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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** Racing triggers on one payment, on real threads: no double effect, no lost event, cancel wins. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RacesTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private ExecutorService pool;

    // one harness for the class (per adapter): each test has its own request ids and customers, and counts
    // the wallet calls it makes; every test leaves its payment settled, so no sweep of a later test touches it
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_RACES");
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentCancelsMakeOneWalletCancelAndAllAnswerSuccess() throws Exception {
        Answer paid = merchant.call("pay", userPresented("PR-X1", "USD", 700, gateway.wallet.issuePaymentCode("ann")));
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        int cancelCallsBefore = gateway.wallet.callCount("cancelPayment");

        List<Answer> answers = together(8, i -> merchant.call("cancel", Map.of("paymentId", paid.get("paymentId"))));

        assertThat(answers).allSatisfy(a -> assertThat(a.resultCode()).isEqualTo("SUCCESS"));
        assertThat(answers.stream().map(a -> a.get("cancelTime")).distinct()).hasSize(1);
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelCallsBefore).isEqualTo(1);
        assertThat(gateway.payment(paid.get("paymentId")).cancelState()).isEqualTo(CancelState.CONFIRMED);
    }

    @Test
    void cancelWhileThePayIsStillAtTheWalletWinsAndTheCustomerGetsTheMoneyBack() throws Exception {
        String code = gateway.wallet.issuePaymentCode("ben");
        // the wallet takes the money but its answer never comes (the pay call hangs past its timeout)
        gateway.wallet.configureCustomer("ben", CustomerSettings.behaviour(Behaviour.NO_ANSWER));
        long before = gateway.wallet.balance("ben", "USD");
        Future<Answer> pay = pool.submit(() -> merchant.call("pay", userPresented("PR-X2", "USD", 1500, code)));
        Payment inFlight = awaitStored("PR-X2");

        Answer cancel = merchant.call("cancel", Map.of("paymentRequestId", "PR-X2"));
        Answer payAnswer = pay.get();

        assertThat(cancel.resultCode()).isEqualTo("SUCCESS");
        assertThat(payAnswer.resultCode()).as("the merchant is never told SUCCESS").isNotEqualTo("SUCCESS");
        gateway.clock.advance(Duration.ofSeconds(5));
        gateway.sweep();
        Payment after = gateway.payment(inFlight.paymentId());
        assertThat(after.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(after.cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(gateway.wallet.balance("ben", "USD")).isEqualTo(before);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-X2")).get("paymentStatus")).isEqualTo("CANCELLED");
    }

    @Test
    void sweeperAndInquiriesRacingMakeOneWalletInquiryPerCheck() throws Exception {
        String code = gateway.wallet.issuePaymentCode("cat");
        gateway.wallet.configureCustomer("cat",
                CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS).settleAfter(Duration.ofSeconds(5)).build());
        String paymentId = merchant.call("pay", userPresented("PR-X3", "USD", 800, code)).get("paymentId");
        gateway.clock.advance(Duration.ofSeconds(6));
        int before = gateway.wallet.callCount("inquiryPayment");

        // five sweeper runs and five merchant inquiries at once
        List<Object> results = together(10, i -> i % 2 == 0
                ? gateway.sweep()
                : merchant.call("inquiryPayment", Map.of("paymentId", paymentId)));

        assertThat(results).hasSize(10);
        assertThat(gateway.wallet.callCount("inquiryPayment") - before).isEqualTo(1);
        assertThat(gateway.payment(paymentId).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(gateway.wallet.chargeCount(paymentId)).isEqualTo(1);
    }

    private Payment awaitStored(String requestId) throws InterruptedException {
        // the pay thread writes the payment before it calls the wallet; wait for that write, not for time
        for (int i = 0; i < 500; i++) {
            var stored = gateway.payments().findByRequest(merchant.clientId, requestId);
            if (stored.isPresent()) {
                return stored.get();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the pay never stored its payment");
    }

    /** Runs {@code count} tasks released at the same instant; task {@code i} gets its index. */
    private <T> List<T> together(int count, IntFunction<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                return task.apply(index);
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
