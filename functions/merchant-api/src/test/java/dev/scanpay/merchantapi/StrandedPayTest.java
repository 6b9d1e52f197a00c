package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.FaultyDynamo;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * A pay whose creation landed but whose answer was lost (the same as a function stopping between the write and
 * the wallet call): the wallet never saw it. The follow-up does not inquire a wallet that never saw it; a
 * repeat of the same paymentRequestId sends it (once, however many repeats race); without a repeat it closes
 * at its deadline with no wallet cancel, and nothing was charged.
 */
@OnBothAdapters
class StrandedPayTest {

    @Parameter
    Adapter adapter;

    private final AtomicReference<FaultyDynamo> dynamo = new AtomicReference<>();
    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter, real -> {
            dynamo.set(new FaultyDynamo(real));
            return dynamo.get().client;
        });
        merchant = gateway.merchant("MERCHANT_STRANDED");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Pays with the creation's answer lost; returns the stranded payment as stored. */
    private Payment strand(Map<String, Object> body) {
        dynamo.get().loseAnswers("transactWriteItems", 1);
        Answer lost = merchant.call("pay", body);
        assertThat(lost.resultStatus()).as("an unknown answer, signed").isEqualTo("U");
        Payment stored = gateway.payments().findByRequest(merchant.clientId, (String) body.get("paymentRequestId")).orElseThrow();
        assertThat(stored.payUnsent()).isTrue();
        assertThat(gateway.wallet.callCount("pay")).as("the wallet never saw it").isZero();
        return stored;
    }

    @Test
    void aRepeatSendsTheStrandedPayAndTheFollowUpNeverInquiresAWalletThatNeverSawIt() {
        Map<String, Object> body = userPresented("PR-STRAND-1", "USD", 2_500, gateway.wallet.issuePaymentCode("alice"));
        long before = gateway.wallet.balance("alice", "USD");
        Payment stranded = strand(body);

        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();
        assertThat(gateway.wallet.callCount("inquiryPayment")).as("no inquiry of a pay never sent").isZero();
        assertThat(gateway.payment(stranded.paymentId()).nextCheckAt()).as("waits for a repeat until its deadline")
                .isEqualTo(stranded.deadlineAt());

        Answer repeat = merchant.call("pay", body);

        assertThat(repeat.resultStatus()).isEqualTo("S");
        assertThat(repeat.get("paymentId")).isEqualTo(stranded.paymentId());
        assertThat(gateway.wallet.callCount("pay")).isEqualTo(1);
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before - 2_500);
        assertThat(gateway.payment(stranded.paymentId()).payUnsent()).isFalse();
    }

    @Test
    void manyRacingRepeatsSendItOnce() throws Exception {
        Map<String, Object> body = userPresented("PR-STRAND-2", "USD", 700, gateway.wallet.issuePaymentCode("bob"));
        long before = gateway.wallet.balance("bob", "USD");
        strand(body);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Answer>> repeats = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                repeats.add(() -> merchant.call("pay", body));
            }
            for (Future<Answer> answer : pool.invokeAll(repeats)) {
                assertThat(answer.get().resultStatus()).as("S, or U while the one sending it waits for the wallet")
                        .isIn("S", "U");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(gateway.wallet.callCount("pay")).as("sent once").isEqualTo(1);
        assertThat(gateway.wallet.balance("bob", "USD")).isEqualTo(before - 700);
        // on a loaded machine the one send may outlive the harness's 700 ms wallet timeout: the follow-up resolves it
        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();
        assertThat(merchant.call("pay", body).resultStatus()).isEqualTo("S");
        assertThat(gateway.wallet.callCount("pay")).isEqualTo(1);
    }

    @Test
    void withoutARepeatItClosesAtItsDeadlineWithoutAWalletCancel() {
        Map<String, Object> body = userPresented("PR-STRAND-3", "USD", 900, gateway.wallet.issuePaymentCode("carol"));
        long before = gateway.wallet.balance("carol", "USD");
        Payment stranded = strand(body);

        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();
        gateway.clock.advance(Duration.between(gateway.now(), stranded.deadlineAt()).plusSeconds(1));
        gateway.sweep();

        Payment closed = gateway.payment(stranded.paymentId());
        assertThat(closed.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(closed.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(closed.cancelState()).as("its wallet never held it: nothing to cancel there").isEqualTo(CancelState.NONE);
        assertThat(gateway.wallet.callCount("inquiryPayment") + gateway.wallet.callCount("cancelPayment")).isZero();
        assertThat(gateway.wallet.balance("carol", "USD")).isEqualTo(before);

        Answer lateRepeat = merchant.call("pay", body);
        assertThat(lateRepeat.resultStatus()).as("a repeat after the close never sends it").isNotEqualTo("S");
        assertThat(gateway.wallet.callCount("pay")).isZero();
    }
}
