package dev.scanpay.core.service.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.rules.Rule;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.PaymentStore.Applied;
import dev.scanpay.core.store.PaymentStore.Created;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.testing.MutableClock;
import dev.scanpay.core.testing.Race;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * PaymentLifecycle against DynamoDB Local: a rule is applied with one conditional write, and re-applied to
 * the winner's state when another writer got there first, so an event is never lost and never applied twice.
 */
@Tag("integration")
class PaymentLifecycleDynamoTest {

    private static DynamoDbClient client;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private PaymentStore store;
    private PaymentLifecycle lifecycle;

    static final WalletOutcome.Paid PAID = new WalletOutcome.Paid("W-1", null, "2088123412341234");

    @BeforeAll
    static void startDynamo() {
        client = EmbeddedDynamo.shared().client();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void freshTable() {
        String table = DynamoTables.fresh(client);
        store = new PaymentStore(client, table);
        lifecycle = new PaymentLifecycle(store, new dev.scanpay.core.rules.MerchantNotices(
                dev.scanpay.core.json.Json.standalone(), java.time.Clock.systemUTC()),
                new dev.scanpay.core.store.NotificationStore(client, table), dev.scanpay.core.observe.Metrics.NONE);
    }

    Payment processing() {
        Payment payment = TestPayments.processing("P" + IDS.incrementAndGet(), clock.instant()).build();
        return ((Created) store.create(payment, "hash")).payment();
    }

    Rule<Payment> walletSays(WalletOutcome outcome) {
        return p -> PaymentMachine.walletAnswered(p, outcome, "ALIPAYCN", clock.instant());
    }

    @Test
    void aRuleIsWrittenOnceWithTheNextVersion() {
        Payment v0 = processing();
        clock.advance(Duration.ofSeconds(2));

        Payment after = lifecycle.apply(v0, walletSays(PAID));

        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(after.version()).isEqualTo(1);
        assertThat(store.get(v0.paymentId())).contains(after);
    }

    @Test
    void aLostRaceReAppliesTheRuleToTheWinnersState() {
        Payment v0 = processing();
        List<Payment> seen = new ArrayList<>();
        Rule<Payment> paid = walletSays(PAID);
        Rule<Payment> rule = p -> {
            seen.add(p);
            if (seen.size() == 1) {
                // while the wallet's success is on its way, the merchant's cancel is written first
                Instant cancelledAt = clock.instant();
                assertThat(store.replace(p, PaymentMachine.cancel(p, ClosedBy.MERCHANT, cancelledAt).next()))
                        .isInstanceOf(Applied.class);
                clock.advance(Duration.ofMillis(300));
            }
            return paid.apply(p);
        };

        Payment after = lifecycle.apply(v0, rule);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo(v0);
        assertThat(seen.get(1).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(seen.get(1).version()).isEqualTo(1);
        // cancel wins; the success is not lost either: it is recorded and the wallet will be told to cancel
        assertThat(after.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(after.closedBy()).isEqualTo(ClosedBy.MERCHANT);
        assertThat(after.lateSuccessAt()).isEqualTo(clock.instant());
        assertThat(after.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(after.version()).isEqualTo(2);
        assertThat(store.get(v0.paymentId())).contains(after);
    }

    @Test
    void aRuleReturningItsInputWritesNothing() {
        Payment v0 = processing();

        Payment after = lifecycle.apply(v0, Step::stay);

        assertThat(after).isSameAs(v0);
        assertThat(store.get(v0.paymentId()).orElseThrow().version()).isZero();
    }

    @Test
    void aDuplicateThatLosesTheRaceToItsTwinWritesNothingMore() {
        Payment v0 = processing();
        Payment winner = lifecycle.apply(v0, walletSays(PAID));

        // the same callback, handled from the stale state it was read with
        Payment after = lifecycle.apply(v0, walletSays(PAID));

        assertThat(after).isEqualTo(winner);
        assertThat(store.get(v0.paymentId()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void concurrentDuplicateCallbacksAreAppliedOnce() throws Exception {
        Payment v0 = processing();
        List<Callable<Payment>> callbacks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callbacks.add(() -> lifecycle.apply(v0, walletSays(PAID)));
        }

        List<Payment> answers = Race.run(callbacks);

        Payment stored = store.get(v0.paymentId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(stored));
    }

    @Test
    void applyGivesUpWhenThePaymentKeepsChangingUnderIt() {
        Payment v0 = processing();
        Rule<Payment> alwaysBeaten = p -> {
            store.replace(p, p.toBuilder().checkCount(p.checkCount() + 1).build());
            return PaymentMachine.NO_VERDICT_YET.to(p.toBuilder().result("NEVER", "never written").build());
        };

        assertThatThrownBy(() -> lifecycle.apply(v0, alwaysBeaten))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed 10 times under us");
        assertThat(store.get(v0.paymentId()).orElseThrow().resultMessage()).isNull();
    }

    @Test
    void aClaimIsTakenOnlyFromTheStoredState() {
        Payment v0 = processing();
        Step<Payment> claim = PaymentMachine.claimCheck(v0, clock.instant(), Duration.ofSeconds(6));

        Optional<Payment> first = lifecycle.claim(v0, claim);
        Optional<Payment> second = lifecycle.claim(v0, claim);

        assertThat(first).isPresent();
        assertThat(first.get().checkCount()).isEqualTo(1);
        assertThat(first.get().version()).isEqualTo(1);
        assertThat(second).isEmpty();
    }
}
