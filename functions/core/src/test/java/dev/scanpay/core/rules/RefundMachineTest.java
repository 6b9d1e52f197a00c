package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.model.wallet.RefundOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefundMachineTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static Refund processing() {
        return Refund.builder().refundId("R1").refundRequestId("RR1").clientId("C1").paymentId("P1").walletId("W1")
                .amount(Money.of(500, "USD")).status(RefundStatus.PROCESSING).createdAt(NOW).updatedAt(NOW)
                .nextCheckAt(NOW.plusSeconds(6)).build();
    }

    @Test
    void theTransitionTableIsFinalAfterSuccessOrFail() {
        assertThat(RefundMachine.statusesAfter(RefundStatus.PROCESSING).contains(RefundStatus.SUCCESS)).isTrue();
        assertThat(RefundMachine.statusesAfter(RefundStatus.PROCESSING).contains(RefundStatus.FAIL)).isTrue();
        assertThat(RefundMachine.statusesAfter(RefundStatus.SUCCESS).contains(RefundStatus.FAIL)).isFalse();
        assertThat(RefundMachine.statusesAfter(RefundStatus.FAIL).contains(RefundStatus.SUCCESS)).isFalse();
        assertThat(RefundStatus.PROCESSING.isFinal()).isFalse();
    }

    @Test
    void walletSuccessConfirmsAndLeavesTheDueIndex() {
        Instant refundedAt = NOW.plusSeconds(1);

        Refund next = RefundMachine.walletAnswered(processing(), new RefundOutcome.Refunded("W-R1", refundedAt), NOW.plusSeconds(2)).next();

        assertThat(next.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(next.refundTime()).isEqualTo(refundedAt);
        assertThat(next.walletRefundId()).isEqualTo("W-R1");
        assertThat(next.resultCode()).isEqualTo("SUCCESS");
        assertThat(next.nextCheckAt()).isNull();
    }

    @Test
    void walletRefusalFailsWithItsCode() {
        Refund next = RefundMachine.walletAnswered(processing(), new RefundOutcome.Refused("PROCESS_FAIL", "no"), NOW).next();

        assertThat(next.status()).isEqualTo(RefundStatus.FAIL);
        assertThat(next.resultCode()).isEqualTo("PROCESS_FAIL");
        assertThat(next.nextCheckAt()).isNull();
    }

    @Test
    void unknownAndPendingAskAgainAfterTheNextGap() {
        Refund claimedTwice = processing().toBuilder().checkCount(2).build();

        Refund afterUnknown = RefundMachine.walletAnswered(claimedTwice, new RefundOutcome.Unknown("timeout"), NOW).next();
        Refund afterPending = RefundMachine.walletAnswered(processing(), new RefundOutcome.Pending("REFUND_IN_PROCESS"), NOW).next();

        assertThat(afterUnknown.status()).isEqualTo(RefundStatus.PROCESSING);
        assertThat(afterUnknown.nextCheckAt()).isEqualTo(NOW.plus(FollowUpSchedule.refundCheckGap(2)));
        assertThat(afterPending.nextCheckAt()).isEqualTo(NOW.plusSeconds(3));
    }

    @Test
    void aFinalRefundIgnoresLateAnswers() {
        Refund done = RefundMachine.walletAnswered(processing(), new RefundOutcome.Refunded("W-R1", NOW), NOW).next();

        assertThat(RefundMachine.walletAnswered(done, new RefundOutcome.Refused("PROCESS_FAIL", "late"), NOW).next()).isSameAs(done);
        assertThat(RefundMachine.walletAnswered(done, new RefundOutcome.Unknown("late"), NOW).next()).isSameAs(done);
    }

    @Test
    void aClaimMovesTheCheckPastTheCallAndCountsIt() {
        Refund claimed = RefundMachine.claimCheck(processing(), NOW, Duration.ofSeconds(6)).next();

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
