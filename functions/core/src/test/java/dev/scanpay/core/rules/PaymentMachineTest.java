package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.WalletCustomer;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of a payment's life, as pure functions: what a payment becomes when the wallet says something. */
class PaymentMachineTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    static final Instant NOW = T0.plusSeconds(4);
    static final String PSP = "ALIPAYCN";

    static final WalletOutcome.Paid PAID = new WalletOutcome.Paid("W-2026112300001", T0.plusSeconds(2), "2088123412341234");
    static final WalletOutcome.Declined DECLINED = new WalletOutcome.Declined("USER_BALANCE_NOT_ENOUGH", "balance not enough");

    /** PROCESSING, one inquiry made, next check in the future; version 3 as if it had been written a few times. */
    static Payment processing() {
        return TestPayments.processing("P1", T0).nextCheckAt(T0.plusSeconds(7)).version(3).build();
    }

    static Payment on(Payment p, WalletOutcome outcome) {
        return PaymentMachine.walletAnswered(p, outcome, PSP, NOW).next();
    }

    // --- the wallet's verdict on a payment still being charged ---

    @Test
    void processingPlusPaidIsSuccessWithTheCustomerMasked() {
        Payment paid = on(processing(), PAID);

        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        assertThat(paid.resultMessage()).isEqualTo("success");
        assertThat(paid.walletPaymentId()).isEqualTo("W-2026112300001");
        assertThat(paid.customer()).isEqualTo(new WalletCustomer(PSP, "2088123412341234", "20************34"));
        assertThat(paid.paymentTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(paid.nextCheckAt()).isNull();
        assertThat(paid.isDue(NOW.plus(Duration.ofDays(1)))).isFalse();
        assertThat(paid.checkCount()).isZero();
        assertThat(paid.updatedAt()).isEqualTo(NOW);
        // the rule does not touch the version: the store owns it
        assertThat(paid.version()).isEqualTo(3);
    }

    @Test
    void aPaymentTimeBeforeCreationOrFarAheadIsClamped() {
        Payment early = on(processing(), new WalletOutcome.Paid("W-1", Instant.parse("2020-01-01T00:00:00Z"), "c"));
        assertThat(early.paymentTime()).as("paid before it existed: blocks cancel and refund").isEqualTo(processing().createdAt());
        Payment late = on(processing(), new WalletOutcome.Paid("W-1",
                java.time.OffsetDateTime.parse("+999999999-12-31T00:00:00Z").toInstant(), "c"));
        assertThat(late.paymentTime()).as("would overflow every later date sum").isEqualTo(NOW.plus(dev.scanpay.core.rules.ReportedTime.SKEW));
        assertThat(FollowUpSchedule.cancelWindowEnd(late.paymentTime())).isAfter(NOW);
    }

    @Test
    void aSuccessForAnEntryCodeOrderItsWalletWasNeverGivenClosesItAndAsksForTheMoneyBack() {
        Payment untaken = processing().toBuilder().status(PaymentStatus.CREATED).customer(null).checkCount(0).build();

        Payment after = on(untaken, PAID);

        assertThat(after.status()).as("never a success").isEqualTo(PaymentStatus.CANCELLED);
        assertThat(after.closedBy()).isEqualTo(ClosedBy.GATEWAY);
        assertThat(after.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(after.lateSuccessAt()).as("recorded").isEqualTo(NOW);
        assertThat(after.walletPaymentId()).isEqualTo(PAID.walletPaymentId());
        assertThat(after.cancelState()).as("the wallet is told to cancel").isEqualTo(CancelState.PENDING);
        assertThat(after.nextCheckAt()).isEqualTo(NOW);
        assertThat(on(after, PAID)).as("a duplicate changes nothing").isSameAs(after);
    }

    @Test
    void paidWithoutAPaymentTimeTakesNow() {
        Payment paid = on(processing(), new WalletOutcome.Paid("W-1", null, "2088123412341234"));
        assertThat(paid.paymentTime()).isEqualTo(NOW);
    }

    @Test
    void processingPlusDeclinedIsFailWithTheWalletsCode() {
        Payment failed = on(processing(), DECLINED);

        assertThat(failed.status()).isEqualTo(PaymentStatus.FAIL);
        assertThat(failed.resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(failed.resultMessage()).isEqualTo("balance not enough");
        assertThat(failed.nextCheckAt()).isNull();
        assertThat(failed.customer()).isNull();
    }

    @Test
    void pendingIsNotFailureTheStatusStaysProcessingAndIsCheckedIn3Seconds() {
        Payment waiting = on(processing(), new WalletOutcome.Pending("customer is confirming"));

        assertThat(waiting.status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(waiting.nextCheckAt()).isEqualTo(NOW.plusSeconds(3));
        assertThat(waiting.resultCode()).isNull();
        assertThat(waiting.isDue(NOW.plusSeconds(2))).isFalse();
        assertThat(waiting.isDue(NOW.plusSeconds(3))).isTrue();
    }

    @Test
    void notFoundAndUnknownAlsoMeanAskAgain() {
        assertThat(on(processing(), new WalletOutcome.NotFound()).nextCheckAt()).isEqualTo(NOW.plusSeconds(3));
        Payment unknown = on(processing(), new WalletOutcome.Unknown("no answer within 5000 ms"));
        assertThat(unknown.status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(unknown.nextCheckAt()).isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void stillWaitingFollowsTheInquiryScheduleByChecksDone() {
        Payment many = processing().toBuilder().checkCount(12).build();
        assertThat(on(many, new WalletOutcome.Pending(null)).nextCheckAt()).isEqualTo(NOW.plus(FollowUpSchedule.inquiryGap(12)));
    }

    // --- duplicates and late answers ---

    @Test
    void successPlusPaidIsTheSameInstanceDuplicateIsANoOp() {
        Payment paid = on(processing(), PAID);
        assertThat(on(paid, PAID)).isSameAs(paid);
    }

    @Test
    void answersThatChangeNothingReturnTheSameInstance() {
        Payment paid = on(processing(), PAID);
        Payment failed = on(processing(), DECLINED);
        Payment created = processing().toBuilder().status(PaymentStatus.CREATED).walletId(null).build();

        assertThat(on(paid, DECLINED)).isSameAs(paid);
        assertThat(on(paid, new WalletOutcome.Pending(null))).isSameAs(paid);
        assertThat(on(failed, DECLINED)).isSameAs(failed);
        assertThat(on(failed, new WalletOutcome.Unknown("late"))).isSameAs(failed);
        // an order code nobody scanned: no wallet was given it, so no wallet's word about it counts
        assertThat(on(created, PAID)).isSameAs(created);
        // a cancel confirmation for a payment nobody is cancelling
        assertThat(on(paid, new WalletOutcome.Cancelled())).isSameAs(paid);
    }

    @Test
    void cancelledPlusPaidStaysCancelledAndTheWalletIsToldToCancelCancelWins() {
        Instant cancelledAt = T0.plusSeconds(1);
        Payment cancelled = PaymentMachine.cancel(processing(), ClosedBy.MERCHANT, cancelledAt).next();
        Payment confirmed = PaymentMachine.walletAnswered(cancelled, new WalletOutcome.Cancelled(), PSP, cancelledAt.plusSeconds(1)).next();
        assertThat(confirmed.cancelState()).isEqualTo(CancelState.CONFIRMED);

        Payment late = on(confirmed, PAID);

        assertThat(late.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(late.lateSuccessAt()).isEqualTo(NOW);
        assertThat(late.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(late.nextCheckAt()).isEqualTo(NOW);
        assertThat(late.isDue(NOW)).isTrue();
        assertThat(late.cancelTime()).isEqualTo(cancelledAt);
        assertThat(late.walletPaymentId()).isEqualTo("W-2026112300001");
        // the merchant is never told SUCCESS for it
        assertThat(late.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(late.customer()).isNull();
        assertThat(late.paymentTime()).isNull();
    }

    @Test
    void aLateSuccessWhileTheCancelIsStillPendingIsRecordedOnce() {
        Payment closed = PaymentMachine.cancel(processing(), ClosedBy.TIMEOUT, T0.plusSeconds(1)).next();
        Payment late = on(closed, PAID);
        assertThat(late.lateSuccessAt()).isEqualTo(NOW);
        assertThat(late.cancelState()).isEqualTo(CancelState.PENDING);

        Payment duplicate = PaymentMachine.walletAnswered(late, PAID, PSP, NOW.plusSeconds(30)).next();
        assertThat(duplicate).isSameAs(late);
    }

    @Test
    void aDuplicateLateSuccessAfterTheCancelWasConfirmedIsANoOp() {
        Payment closed = PaymentMachine.cancel(processing(), ClosedBy.TIMEOUT, T0.plusSeconds(1)).next();
        Payment late = on(closed, PAID);
        Payment confirmed = PaymentMachine.walletAnswered(late, new WalletOutcome.Cancelled(), PSP, NOW.plusSeconds(2)).next();
        assertThat(confirmed.cancelState()).isEqualTo(CancelState.CONFIRMED);

        // the wallet re-sends the same notifyPayment (lessons.md 3: up to 8 times in 24 h)
        Payment duplicate = PaymentMachine.walletAnswered(confirmed, PAID, PSP, NOW.plus(Duration.ofMinutes(2))).next();
        assertThat(duplicate).isSameAs(confirmed);
    }

    @Test
    void failPlusPaidStaysFailWithACancelPending() {
        Payment failed = on(processing(), DECLINED);
        Payment late = PaymentMachine.walletAnswered(failed, PAID, PSP, NOW.plusSeconds(10)).next();

        assertThat(late.status()).isEqualTo(PaymentStatus.FAIL);
        assertThat(late.resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(late.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(late.lateSuccessAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(late.cancelTime()).isEqualTo(NOW.plusSeconds(10));
        assertThat(late.nextCheckAt()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void theWalletConfirmingACancelEndsTheFollowUp() {
        Payment cancelling = PaymentMachine.cancel(processing(), ClosedBy.MERCHANT, NOW).next();
        Payment confirmed = PaymentMachine.walletAnswered(cancelling, new WalletOutcome.Cancelled(), PSP, NOW.plusSeconds(1)).next();

        assertThat(confirmed.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(confirmed.cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(confirmed.nextCheckAt()).isNull();
        assertThat(confirmed.checkCount()).isZero();
    }

    // --- cancel ---

    @Test
    void cancelOfAProcessingPaymentAtAWalletIsPendingAndDueNow() {
        Payment cancelled = PaymentMachine.cancel(processing().toBuilder().checkCount(4).build(), ClosedBy.MERCHANT, NOW).next();

        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(cancelled.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(cancelled.resultMessage()).isEqualTo("cancelled by the merchant");
        assertThat(cancelled.closedBy()).isEqualTo(ClosedBy.MERCHANT);
        assertThat(cancelled.cancelTime()).isEqualTo(NOW);
        assertThat(cancelled.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(cancelled.nextCheckAt()).isEqualTo(NOW);
        assertThat(cancelled.isDue(NOW)).isTrue();
        assertThat(cancelled.checkCount()).isZero();
    }

    @Test
    void cancelByTimeoutSaysSo() {
        Payment closed = PaymentMachine.cancel(processing(), ClosedBy.TIMEOUT, NOW).next();
        assertThat(closed.closedBy()).isEqualTo(ClosedBy.TIMEOUT);
        assertThat(closed.resultMessage()).isEqualTo("closed: no result before the deadline");
    }

    @Test
    void cancelOfACreatedPaymentNeedsNoWallet() {
        Payment created = processing().toBuilder().status(PaymentStatus.CREATED).walletId(null).build();
        Payment cancelled = PaymentMachine.cancel(created, ClosedBy.MERCHANT, NOW).next();

        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(cancelled.cancelState()).isEqualTo(CancelState.NONE);
        assertThat(cancelled.nextCheckAt()).isNull();
        assertThat(cancelled.isDue(NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void cancelOfAPaymentNoWalletWasAskedNeedsNoWallet() {
        Payment cancelled = PaymentMachine.cancel(processing().toBuilder().walletId(null).build(), ClosedBy.TIMEOUT, NOW).next();
        assertThat(cancelled.cancelState()).isEqualTo(CancelState.NONE);
        assertThat(cancelled.nextCheckAt()).isNull();
    }

    @Test
    void cancelOfASuccessReversesItAtTheWallet() {
        Payment cancelled = PaymentMachine.cancel(on(processing(), PAID), ClosedBy.MERCHANT, NOW.plusSeconds(60)).next();
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(cancelled.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(cancelled.nextCheckAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void cancelNotConfirmedFollowsTheCancelSchedule() {
        // which step of the schedule comes after how many attempts is pinned by cancelRetriesComeAtTheDocumentedGaps
        Payment cancelling = PaymentMachine.cancel(processing(), ClosedBy.MERCHANT, T0).next();
        List<Duration> schedule = new ArrayList<>();
        for (int done = 0; done < 20; done++) {
            schedule.add(FollowUpSchedule.cancelGap(done));
        }
        List<Duration> gaps = new ArrayList<>();
        for (int done = 1; done < 20; done++) {
            Payment p = cancelling.toBuilder().checkCount(done).build();
            Payment retry = PaymentMachine.cancelNotConfirmed(p, NOW).next();
            assertThat(retry.cancelState()).isEqualTo(CancelState.PENDING);
            assertThat(retry.status()).isEqualTo(PaymentStatus.CANCELLED);
            gaps.add(Duration.between(NOW, retry.nextCheckAt()));
        }
        assertThat(schedule).containsAll(gaps);
        assertThat(gaps).isSorted();
        assertThat(gaps.get(gaps.size() - 1)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void cancelNotConfirmedOfAPaymentNotBeingCancelledChangesNothing() {
        Payment p = processing();
        assertThat(PaymentMachine.cancelNotConfirmed(p, NOW).next()).isSameAs(p);
    }

    @Test
    void cancelRetriesComeAtTheDocumentedGaps() {
        // as PaymentFollowUp.attemptCancel does it: claim (counts the attempt), call the wallet, not confirmed
        Instant now = T0;
        Payment p = PaymentMachine.cancel(processing(), ClosedBy.TIMEOUT, now).next();
        List<Long> retryGaps = new ArrayList<>();
        for (int attempt = 0; attempt < 9; attempt++) {
            now = p.nextCheckAt();
            Payment claimed = PaymentMachine.claimCheck(p, now, Duration.ofSeconds(6)).next();
            p = PaymentMachine.cancelNotConfirmed(claimed, now).next();
            retryGaps.add(Duration.between(now, p.nextCheckAt()).toSeconds());
        }
        // FollowUpSchedule: "retried at 2, 3, 3, 5, 5, 10, 30, 60 s, then every 5 minutes"
        assertThat(retryGaps).containsExactly(2L, 3L, 3L, 5L, 5L, 10L, 30L, 60L, 300L);
    }

    // --- claims ---

    @Test
    void claimCheckCountsTheAttemptAndLeasesTheNextCheck() {
        Payment claimed = PaymentMachine.claimCheck(processing(), NOW, Duration.ofSeconds(6)).next();

        assertThat(claimed.checkCount()).isEqualTo(processing().checkCount() + 1);
        assertThat(claimed.nextCheckAt()).isEqualTo(NOW.plusSeconds(6));
        assertThat(claimed.updatedAt()).isEqualTo(NOW);
        assertThat(claimed.status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(PaymentMachine.claimCheck(claimed, NOW, Duration.ofSeconds(6)).next().checkCount()).isEqualTo(2);
    }

    // --- masking ---

    @Test
    void customerIdsAreMaskedButForTwoCharactersAtEachEnd() {
        assertThat(PaymentMachine.maskCustomer("2088123412341234")).isEqualTo("20************34");
        assertThat(PaymentMachine.maskCustomer("buy@alitest.com")).isEqualTo("bu***********om");
        assertThat(PaymentMachine.maskCustomer("12345")).isEqualTo("12*45");
        assertThat(PaymentMachine.maskCustomer("1234")).isEqualTo("****");
        assertThat(PaymentMachine.maskCustomer("")).isEmpty();
        assertThat(PaymentMachine.maskCustomer(null)).isNull();
    }

    @Test
    void theSameSuccessSaidAgainAfterTheMerchantReversedThePaymentChangesNothing() {
        Payment paid = on(processing(), PAID);
        Payment reversed = PaymentMachine.cancelAttempted(PaymentMachine.cancel(paid, ClosedBy.MERCHANT, NOW).next(),
                new WalletOutcome.Cancelled(), null, NOW).next();
        assertThat(reversed.cancelState()).isEqualTo(CancelState.CONFIRMED);

        assertThat(on(reversed, PAID)).as("the reversal's own cancel covers it: no second cancel").isSameAs(reversed);
        Payment otherCharge = on(reversed, new WalletOutcome.Paid("W-OTHER", NOW, "2088123412341234"));
        assertThat(otherCharge.lateSuccessAt()).as("a different wallet payment is a late success").isEqualTo(NOW);
        assertThat(otherCharge.cancelState()).isEqualTo(CancelState.PENDING);
    }
}
