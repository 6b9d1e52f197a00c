package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.FollowUpSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The interleaving a reviewer found: a cancel is sent while the pay is still on its way; the wallet
 * confirms (it does not know the payment yet), then charges the late pay, whose success the gateway
 * records. The earlier confirmation must not close the re-cancel that late success asked for.
 */
class CancelAttemptRaceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void aConfirmationSentBeforeALateSuccessDoesNotCount() {
        Payment cancelled = PaymentMachine.cancel(TestPayments.processing("P1", T0).build(), ClosedBy.MERCHANT, T0).next();
        Instant lateSuccessAtWhenSent = cancelled.lateSuccessAt();
        Payment afterLateSuccess = PaymentMachine.walletAnswered(cancelled,
                new WalletOutcome.Paid("W1", T0.plusSeconds(1), "c1"), "SIMPAY", T0.plusSeconds(1)).next();
        assertThat(afterLateSuccess.lateSuccessAt()).isNotNull();

        Payment result = PaymentMachine.cancelAttempted(afterLateSuccess, new WalletOutcome.Cancelled(),
                lateSuccessAtWhenSent, T0.plusSeconds(2)).next();

        assertThat(result).isSameAs(afterLateSuccess);
        assertThat(result.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(result.isDue(T0.plusSeconds(2))).as("the re-cancel stays due").isTrue();
    }

    @Test
    void aConfirmationOfTheCurrentCancelCounts() {
        Payment cancelled = PaymentMachine.cancel(TestPayments.processing("P1", T0).build(), ClosedBy.MERCHANT, T0).next();

        Payment result = PaymentMachine.cancelAttempted(cancelled, new WalletOutcome.Cancelled(),
                cancelled.lateSuccessAt(), T0.plusSeconds(1)).next();

        assertThat(result.cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(result.nextCheckAt()).isNull();
    }

    @Test
    void anUnconfirmedAttemptIsRetriedOnSchedule() {
        Payment cancelled = PaymentMachine.claimCheck(
                PaymentMachine.cancel(TestPayments.processing("P1", T0).build(), ClosedBy.MERCHANT, T0).next(),
                T0, java.time.Duration.ofSeconds(6)).next();

        Payment result = PaymentMachine.cancelAttempted(cancelled, new WalletOutcome.Unknown("timeout"),
                cancelled.lateSuccessAt(), T0.plusSeconds(5)).next();

        assertThat(result.nextCheckAt()).isEqualTo(T0.plusSeconds(5).plus(FollowUpSchedule.cancelGap(0)));
    }
}
