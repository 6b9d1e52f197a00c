package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.simulator.SimulatedRefund;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
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

/** Refunds racing each other and cancels on one payment, on real threads: never more back than was paid. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundRacesTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private ExecutorService pool;

    // one harness for the class (per adapter): each test has its own request ids and customers, and counts
    // the wallet calls it makes
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_REFUND_RACES");
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(100);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Map<String, Object> refundBody(String refundRequestId, String paymentId, long minor) {
        return Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", "USD", "value", Long.toString(minor)));
    }

    @Test
    void aHundredConcurrentPartialRefundsNeverExceedTheAmountPaid() throws Exception {
        long paid = 4_000;
        long part = paid / 40;
        String code = gateway.wallet.issuePaymentCode("ruth");
        long before = gateway.wallet.balance("ruth", "USD");
        int refundCallsBefore = gateway.wallet.callCount("refund");
        Answer pay = merchant.call("pay", userPresented("PR-RR1", "USD", paid, code));
        assertThat(pay.resultCode()).isEqualTo("SUCCESS");
        String paymentId = pay.get("paymentId");

        long started = System.nanoTime();
        List<Answer> answers = together(100, i -> merchant.call("refund", refundBody("RR-" + i, paymentId, part)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        List<Answer> accepted = answers.stream().filter(a -> "SUCCESS".equals(a.resultCode())).toList();
        long acceptedSum = accepted.stream().mapToLong(a -> Long.parseLong((String) a.object("refundAmount").get("value"))).sum();
        System.out.printf("concurrent refunds: %d sent, %d accepted, accepted sum %d of %d paid, %d ms%n",
                answers.size(), accepted.size(), acceptedSum, paid, elapsedMs);
        assertThat(answers).as("every answer is S or REFUND_AMOUNT_EXCEED")
                .allSatisfy(a -> assertThat(a.resultCode()).isIn("SUCCESS", "REFUND_AMOUNT_EXCEED"));
        assertThat(acceptedSum).isLessThanOrEqualTo(paid);
        assertThat(accepted).as("refused only once the amount was used up").hasSize(40);

        // DynamoDB: the total on the payment and the SUCCESS refunds stored for it
        Payment payment = gateway.payment(paymentId);
        List<Refund> stored = gateway.refunds().byPayment(paymentId);
        assertThat(payment.refundedMinor()).isEqualTo(acceptedSum);
        assertThat(stored).hasSize(40).allSatisfy(r -> assertThat(r.status()).isEqualTo(RefundStatus.SUCCESS));
        assertThat(stored.stream().mapToLong(r -> r.amount().minor()).sum()).isEqualTo(acceptedSum);
        // the wallet: what it refunded, and the customer's balance
        var atWallet = gateway.wallet.payment(paymentId).orElseThrow();
        assertThat(atWallet.refundedMinor()).isEqualTo(acceptedSum);
        assertThat(atWallet.refunds()).hasSize(40).allSatisfy(r -> assertThat(r.status()).isEqualTo(SimulatedRefund.Status.SUCCESS));
        assertThat(gateway.wallet.balance("ruth", "USD")).isEqualTo(before);
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).as("refused refunds never reach the wallet").isEqualTo(40);
    }

    @Test
    void aRefundAndACancelRacingNeverBothWin() throws Exception {
        int refundsWon = 0;
        for (int round = 0; round < 10; round++) {
            String customer = "sam" + round;
            String code = gateway.wallet.issuePaymentCode(customer);
            long before = gateway.wallet.balance(customer, "USD");
            Answer pay = merchant.call("pay", userPresented("PR-RC" + round, "USD", 1_000, code));
            String paymentId = pay.get("paymentId");

            int r = round;
            List<Answer> answers = together(2, i -> i == 0
                    ? merchant.call("refund", refundBody("RC-" + r, paymentId, 400))
                    : merchant.call("cancel", Map.of("paymentId", paymentId)));

            boolean refunded = "SUCCESS".equals(answers.get(0).resultCode());
            boolean cancelled = "SUCCESS".equals(answers.get(1).resultCode());
            assertThat(refunded && cancelled).as("round %d: refund %s, cancel %s", round,
                    answers.get(0).resultCode(), answers.get(1).resultCode()).isFalse();
            assertThat(refunded || cancelled).as("round %d: one of them wins", round).isTrue();
            Payment payment = gateway.payment(paymentId);
            refundsWon += refunded ? 1 : 0;
            if (cancelled) {
                assertThat(answers.get(0).resultCode()).isEqualTo("ORDER_STATUS_INVALID");
                assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELLED);
                assertThat(payment.refundedMinor()).isZero();
            } else {
                assertThat(answers.get(1).resultCode()).isEqualTo("ORDER_STATUS_INVALID");
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCESS);
                assertThat(payment.refundedMinor()).isEqualTo(400);
            }
            // either way the customer got back exactly what the winner says: all of it, or the refund
            assertThat(gateway.wallet.balance(customer, "USD")).isEqualTo(cancelled ? before : before - 1_000 + 400);
        }
        System.out.printf("refund against cancel: refund won %d of 10 rounds, cancel %d%n", refundsWon, 10 - refundsWon);
    }

    /** Runs {@code count} tasks released at the same instant; task {@code i} gets its index. */
    private <T> List<T> together(int count, IntFunction<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.apply(index);
            }));
        }
        ready.await();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
