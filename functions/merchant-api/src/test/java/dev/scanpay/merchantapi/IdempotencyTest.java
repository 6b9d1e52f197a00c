package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** A retry after an unknown result must never charge twice (lessons.md 8). */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test has its own request ids and customers, and counts
    // the charges and wallet calls it makes
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_REPEAT");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @Test
    void sequentialRepeatReturnsTheFirstAnswerAndChargesOnce() {
        String code = gateway.wallet.issuePaymentCode("ivy");
        Map<String, Object> body = userPresented("PR-R1", "USD", 999, code);
        int chargesBefore = gateway.wallet.totalCharges();

        Answer first = merchant.call("pay", body);
        Answer second = merchant.call("pay", body);
        Answer third = merchant.call("pay", body);

        assertThat(first.resultCode()).isEqualTo("SUCCESS");
        assertThat(List.of(second.get("paymentId"), third.get("paymentId"))).containsOnly(first.get("paymentId"));
        assertThat(second.resultCode()).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.chargeCount(first.get("paymentId"))).isEqualTo(1);
        assertThat(gateway.wallet.totalCharges() - chargesBefore).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentDuplicatesMakeExactlyOneCharge() throws Exception {
        String code = gateway.wallet.issuePaymentCode("jack");
        Map<String, Object> body = userPresented("PR-R2", "USD", 4200, code);
        int chargesBefore = gateway.wallet.totalCharges();
        int payCallsBefore = gateway.wallet.callCount("pay");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return merchant.call("pay", body);
            }));
        }
        go.countDown();
        List<Answer> all = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            all.add(answer.get());
        }
        pool.shutdown();

        Set<String> paymentIds = all.stream().map(a -> a.get("paymentId")).collect(Collectors.toSet());
        assertThat(paymentIds).hasSize(1);
        assertThat(all).allSatisfy(a -> assertThat(a.resultStatus()).isIn("S", "U"));
        assertThat(all).anySatisfy(a -> assertThat(a.resultCode()).isEqualTo("SUCCESS"));
        assertThat(gateway.wallet.totalCharges() - chargesBefore).isEqualTo(1);
        assertThat(gateway.wallet.callCount("pay") - payCallsBefore).as("the wallet was asked to pay once").isEqualTo(1);
        Answer after = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-R2"));
        assertThat(after.get("paymentStatus")).isEqualTo("SUCCESS");
    }

    @Test
    void sameIdWithDifferentAmountCurrencyOrCodeIsInconsistent() {
        String code = gateway.wallet.issuePaymentCode("kate");
        int chargesBefore = gateway.wallet.totalCharges();
        merchant.call("pay", userPresented("PR-R3", "USD", 500, code));

        assertThat(merchant.call("pay", userPresented("PR-R3", "USD", 501, code)).resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(merchant.call("pay", userPresented("PR-R3", "EUR", 500, code)).resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        String other = gateway.wallet.issuePaymentCode("kate");
        Answer differentCode = merchant.call("pay", userPresented("PR-R3", "USD", 500, other));
        assertThat(differentCode.resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(differentCode.resultStatus()).isEqualTo("F");
        assertThat(gateway.wallet.totalCharges() - chargesBefore).isEqualTo(1);
    }

    @Test
    void requestIdsBelongToTheirClient() {
        SignedMerchant other = gateway.merchant("MERCHANT_OTHER");
        Answer mine = merchant.call("pay", userPresented("PR-SHARED", "USD", 100, gateway.wallet.issuePaymentCode("lee")));
        Answer theirs = other.call("pay", userPresented("PR-SHARED", "USD", 100, gateway.wallet.issuePaymentCode("may")));

        assertThat(mine.resultCode()).isEqualTo("SUCCESS");
        assertThat(theirs.resultCode()).isEqualTo("SUCCESS");
        assertThat(theirs.get("paymentId")).isNotEqualTo(mine.get("paymentId"));
    }
}
