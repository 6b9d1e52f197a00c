package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.WalletCustomer;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The machines are whole: every declared state can be reached, every edge is used by a rule, and every step a
 * rule takes from any declared state is a move its edge declares (so the store, which checks the same table,
 * never refuses a rule).
 */
class MachinesAgreeWithTheirRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PSP = "ALIPAYCN";

    /** A payment in every declared state, with and without a wallet, paid or not, due or not, before or past its deadline. */
    static List<Payment> paymentsInEveryState() {
        List<Payment> payments = new ArrayList<>();
        for (PaymentStatus status : PaymentStatus.values()) {
            for (CancelState cancel : CancelState.values()) {
                for (boolean late : new boolean[] {false, true}) {
                    for (String walletId : new String[] {TestPayments.WALLET_ID, null}) {
                        for (Instant paidAt : new Instant[] {null, T0}) {
                            for (Instant due : new Instant[] {T0, T0.plusSeconds(3600), null}) {
                                for (Instant deadline : new Instant[] {T0.minusSeconds(1), T0.plusSeconds(60)}) {
                                  for (boolean unsent : new boolean[] {false, true}) {
                                    Payment p = TestPayments.processing("P", T0.minusSeconds(30)).status(status).payUnsent(unsent)
                                            .cancelState(cancel).lateSuccessAt(late ? T0.minusSeconds(5) : null)
                                            .walletId(walletId).paymentTime(paidAt).walletPaymentId(paidAt == null ? null : "W-1")
                                            .customer(walletId == null ? null : new WalletCustomer(PSP, "c1", "c*"))
                                            .nextCheckAt(due).deadlineAt(deadline).expiresAt(deadline).build();
                                    boolean paidWithoutTime = status == PaymentStatus.SUCCESS && paidAt == null;
                                    if (PaymentMachine.MACHINE.stateOf(p).isPresent() && !paidWithoutTime) {
                                        payments.add(p);
                                    }
                                  }
                                }
                            }
                        }
                    }
                }
            }
        }
        return payments;
    }

    static List<Function<Payment, Step<Payment>>> paymentRules() {
        List<Function<Payment, Step<Payment>>> rules = new ArrayList<>();
        for (WalletOutcome outcome : List.of(new WalletOutcome.Paid("W-1", T0, "c1"), new WalletOutcome.Paid("W-2", T0, "c1"),
                new WalletOutcome.Paid(null, T0, "c1"), new WalletOutcome.Declined("PROCESS_FAIL", "no"),
                new WalletOutcome.Cancelled(), new WalletOutcome.Pending(null), new WalletOutcome.Unknown("timeout"),
                new WalletOutcome.NotFound())) {
            rules.add(p -> PaymentMachine.walletAnswered(p, outcome, PSP, T0));
            rules.add(p -> PaymentMachine.cancelAttempted(p, outcome, p.lateSuccessAt(), T0));
        }
        rules.add(p -> PaymentMachine.scanned(p, TestPayments.WALLET_ID, PSP, "c1", T0));
        rules.add(p -> PaymentMachine.merchantCancels(p, T0));
        rules.add(p -> PaymentMachine.codeExpiryDue(p, T0));
        rules.add(p -> PaymentMachine.deadlinePassed(p, T0));
        rules.add(p -> PaymentMachine.followUpDone(p, T0));
        rules.add(p -> PaymentMachine.cancelNotConfirmed(p, T0));
        rules.add(p -> PaymentMachine.walletMissing(p, T0, Duration.ofMinutes(5)));
        rules.add(p -> PaymentMachine.paySending(p, T0, Duration.ofSeconds(4)));
        rules.add(p -> PaymentMachine.unsentPayDue(p, T0));
        // a check is claimed only for an inquiry (PROCESSING) or a cancel attempt (cancel pending)
        rules.add(p -> p.status() == PaymentStatus.PROCESSING || p.cancelState() == CancelState.PENDING
                ? PaymentMachine.claimCheck(p, T0, Duration.ofSeconds(6)) : Step.stay(p));
        return rules;
    }

    private static <R> Step<R> unlessRefused(Supplier<Step<R>> rule, R current) {
        try {
            return rule.get();
        } catch (ProtocolException refused) {
            return Step.stay(current);
        }
    }

    @Test
    void everyPaymentRuleTakesOnlyDeclaredMovesAndTheEdgesItNames() {
        Set<String> used = new HashSet<>();
        List<String> undeclared = new ArrayList<>();
        for (Payment p : paymentsInEveryState()) {
            for (Function<Payment, Step<Payment>> rule : paymentRules()) {
                Step<Payment> step = unlessRefused(() -> rule.apply(p), p);
                if (!step.changes()) {
                    assertThat(step.next()).isSameAs(p);
                    continue;
                }
                used.add(step.edge().name());
                try {
                    PaymentMachine.MACHINE.check(step.edge(), p, step.next());
                } catch (UndeclaredEdgeException e) {
                    undeclared.add(e.getMessage());
                }
            }
        }
        assertThat(undeclared).as("rules taking moves their edge does not declare").isEmpty();
        assertThat(used).as("every edge but those the stores write themselves is some rule's").containsAll(
                PaymentMachine.MACHINE.edges().stream().map(Edge::name)
                        .filter(n -> !Set.of("codeIssued", "userPresentedPay", "refundReserved", "refundReleased").contains(n))
                        .toList());
    }

    @Test
    void everyRefundRuleTakesOnlyDeclaredMoves() {
        Set<String> used = new HashSet<>();
        for (RefundStatus status : RefundStatus.values()) {
            for (Instant due : new Instant[] {T0, T0.plusSeconds(60), null}) {
                Refund r = Refund.builder().refundId("R1").refundRequestId("RR1").clientId("C1").paymentId("P1").walletId("W1")
                        .amount(Money.of(500, "USD")).status(status).createdAt(T0).updatedAt(T0).nextCheckAt(due).build();
                List<Step<Refund>> steps = new ArrayList<>();
                for (RefundOutcome outcome : List.of(new RefundOutcome.Refunded("W-R1", T0), new RefundOutcome.Refused("F", "no"),
                        new RefundOutcome.Pending("P"), new RefundOutcome.Unknown("timeout"))) {
                    steps.add(RefundMachine.walletAnswered(r, outcome, T0));
                }
                steps.add(RefundMachine.followUpDone(r, T0));
                steps.add(RefundMachine.walletMissing(r, T0, Duration.ofMinutes(5)));
                if (status == RefundStatus.PROCESSING) {
                    // a check is claimed only for a refund still waiting for its verdict
                    steps.add(RefundMachine.claimCheck(r, T0, Duration.ofSeconds(6)));
                    // and one reserved but never sent is marked sent before its wallet call
                    steps.add(RefundMachine.refundSending(r.toBuilder().unsent(true).build(), T0, Duration.ofSeconds(4)));
                }
                for (Step<Refund> step : steps.stream().filter(Step::changes).toList()) {
                    used.add(step.edge().name());
                    RefundMachine.MACHINE.check(step.edge(), r, step.next());
                }
            }
        }
        assertThat(used).containsAll(RefundMachine.MACHINE.edges().stream().map(Edge::name)
                .filter(n -> !n.equals("requested")).toList());
    }

    @Test
    void everyNotificationStepIsADeclaredMove() {
        MerchantNotification pending = new MerchantNotification("N1", "P1", "C1", "https://m.example/n", "{}", "S",
                NotificationStatus.PENDING, 0, T0, T0, null, null, 0);
        MerchantNotification claimed = NotificationMachine.attemptClaimed(pending, T0.plusSeconds(15)).next();
        List<Step<MerchantNotification>> steps = List.of(NotificationMachine.attemptClaimed(pending, T0.plusSeconds(15)),
                NotificationMachine.delivered(claimed, T0), NotificationMachine.attemptFailed(claimed, T0.plusSeconds(60), "x"),
                NotificationMachine.deadLettered(claimed, "x"), NotificationMachine.superseded(pending),
                NotificationMachine.requeued(pending, T0));
        Set<String> used = new HashSet<>();
        for (Step<MerchantNotification> step : steps) {
            MerchantNotification from = step.next() == claimed || step.edge() == NotificationMachine.ATTEMPT_CLAIMED
                    || step.edge() == NotificationMachine.SUPERSEDED_EDGE || step.edge() == NotificationMachine.REQUEUED ? pending : claimed;
            NotificationMachine.MACHINE.check(step.edge(), from, step.next());
            used.add(step.edge().name());
        }
        for (NotificationStatus status : List.of(NotificationStatus.DELIVERED, NotificationStatus.DEAD_LETTERED)) {
            MerchantNotification settled = pending.with(status, 3, null, null, "x");
            Step<MerchantNotification> requeued = NotificationMachine.requeued(settled, T0);
            NotificationMachine.MACHINE.check(requeued.edge(), settled, requeued.next());
        }
        assertThat(used).containsAll(NotificationMachine.MACHINE.edges().stream().map(Edge::name)
                .filter(n -> !n.equals("owed")).toList());
    }

    @Test
    void everyDeclaredStateCanBeReachedFromWhereRecordsEnter() {
        assertReachable(PaymentMachine.MACHINE, PaymentMachine.State.class);
        assertReachable(RefundMachine.MACHINE, RefundStatus.class);
        assertReachable(NotificationMachine.MACHINE, NotificationStatus.class);
    }

    private static <R, S extends Enum<S>> void assertReachable(Machine<R, S> machine, Class<S> states) {
        Set<S> reached = EnumSet.noneOf(states);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Edge<S> edge : machine.edges()) {
                for (Edge.Move<S> move : edge.moves()) {
                    if ((move.from() == null || reached.contains(move.from())) && reached.add(move.to())) {
                        grew = true;
                    }
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(states.getEnumConstants());
    }

    @Test
    void aPaymentInEachDeclaredStateIsReadBackAsThatState() {
        Set<PaymentMachine.State> seen = EnumSet.noneOf(PaymentMachine.State.class);
        paymentsInEveryState().forEach(p -> seen.add(PaymentMachine.MACHINE.stateOf(p).orElseThrow()));
        assertThat(seen).containsExactlyInAnyOrder(PaymentMachine.State.values());
    }

    @Test
    void theCheckRefusesWhatNoEdgeDeclaresAndAnEdgeOfAnotherMachine() {
        Payment failed = TestPayments.processing("P", T0).status(PaymentStatus.FAIL).build();
        Payment paid = failed.toBuilder().status(PaymentStatus.SUCCESS).build();

        assertThatThrownBy(() -> PaymentMachine.MACHINE.check(failed, paid))
                .isInstanceOf(UndeclaredEdgeException.class).hasMessage("illegal transition FAIL -> SUCCESS");
        assertThatThrownBy(() -> PaymentMachine.MACHINE.check(PaymentMachine.WALLET_PAID, failed, paid))
                .isInstanceOf(UndeclaredEdgeException.class).hasMessage("illegal transition FAIL -> SUCCESS by walletPaid");
        assertThatThrownBy(() -> PaymentMachine.MACHINE.check(RefundMachine.WALLET_REFUNDED, failed, paid))
                .isInstanceOf(UndeclaredEdgeException.class).hasMessageContaining("walletRefunded is not an edge of this machine");
        assertThatThrownBy(() -> PaymentMachine.MACHINE.check(null, failed, paid))
                .isInstanceOf(UndeclaredEdgeException.class).hasMessageContaining("no edge");
    }
}
