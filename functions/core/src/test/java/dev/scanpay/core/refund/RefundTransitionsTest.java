package dev.scanpay.core.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.lifecycle.FollowUpSchedule;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.wallet.RefundOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefundTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static Refund processing() {
        return Refund.builder().refundId("R1").refundRequestId("RR1").clientId("C1").paymentId("P1").walletId("W1")
                .amount(Money.of(500, "USD")).status(RefundStatus.PROCESSING).createdAt(NOW).updatedAt(NOW)
                .nextCheckAt(NOW.plusSeconds(6)).build();
    }

    @Test
    void theTransitionTableIsFinalAfterSuccessOrFail() {
        assertThat(RefundStatus.PROCESSING.canMoveTo(RefundStatus.SUCCESS)).isTrue();
        assertThat(RefundStatus.PROCESSING.canMoveTo(RefundStatus.FAIL)).isTrue();
        assertThat(RefundStatus.SUCCESS.canMoveTo(RefundStatus.FAIL)).isFalse();
        assertThat(RefundStatus.FAIL.canMoveTo(RefundStatus.SUCCESS)).isFalse();
        assertThat(RefundStatus.PROCESSING.isFinal()).isFalse();
    }

    @Test
    void walletSuccessConfirmsAndLeavesTheDueIndex() {
        Instant refundedAt = NOW.plusSeconds(1);

        Refund next = RefundTransitions.onWalletOutcome(processing(), new RefundOutcome.Refunded("W-R1", refundedAt), NOW.plusSeconds(2));

        assertThat(next.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(next.refundTime()).isEqualTo(refundedAt);
        assertThat(next.walletRefundId()).isEqualTo("W-R1");
        assertThat(next.resultCode()).isEqualTo("SUCCESS");
        assertThat(next.nextCheckAt()).isNull();
    }

    @Test
    void walletRefusalFailsWithItsCode() {
        Refund next = RefundTransitions.onWalletOutcome(processing(), new RefundOutcome.Refused("PROCESS_FAIL", "no"), NOW);

        assertThat(next.status()).isEqualTo(RefundStatus.FAIL);
        assertThat(next.resultCode()).isEqualTo("PROCESS_FAIL");
        assertThat(next.nextCheckAt()).isNull();
    }

    @Test
    void unknownAndPendingAskAgainAfterTheNextGap() {
        Refund claimedTwice = processing().toBuilder().checkCount(2).build();

        Refund afterUnknown = RefundTransitions.onWalletOutcome(claimedTwice, new RefundOutcome.Unknown("timeout"), NOW);
        Refund afterPending = RefundTransitions.onWalletOutcome(processing(), new RefundOutcome.Pending("REFUND_IN_PROCESS"), NOW);

        assertThat(afterUnknown.status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(afterUnknown.nextCheckAt()).isEqualTo(NOW.plus(FollowUpSchedule.refundCheckGap(2)));
        assertThat(afterPending.nextCheckAt()).isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void aFinalRefundIgnoresLateAnswers() {
        Refund done = RefundTransitions.onWalletOutcome(processing(), new RefundOutcome.Refunded("W-R1", NOW), NOW);

        assertThat(RefundTransitions.onWalletOutcome(done, new RefundOutcome.Refused("PROCESS_FAIL", "late"), NOW)).isSameAs(done);
        assertThat(RefundTransitions.onWalletOutcome(done, new RefundOutcome.Unknown("late"), NOW)).isSameAs(done);
    }

    @Test
    void aClaimMovesTheCheckPastTheCallAndCountsIt() {
        Refund claimed = RefundTransitions.claimCheck(processing(), NOW, Duration.ofSeconds(6));

        assertThat(claimed.nextCheckAt()).isEqualTo(NOW.plusSeconds(6));
        assertThat(claimed.checkCount()).isEqualTo(1);
    }

    @Test
    void refundChecksBackOffToHourly() {
        assertThat(FollowUpSchedule.refundCheckGap(0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(FollowUpSchedule.refundCheckGap(9)).isEqualTo(Duration.ofHours(1));
        assertThat(FollowUpSchedule.refundCheckGap(500)).isEqualTo(Duration.ofHours(1));
    }
}
