package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Claims count sends; an attempt counts when its outcome is recorded; the claim guard bounds unrecorded sends. */
class NotificationMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final Instant LEASE_END = T0.plusSeconds(15);

    private static MerchantNotification pending() {
        return new MerchantNotification("N1", "P1", "C1", "https://m.example/n", "{}", "S",
                NotificationStatus.PENDING, 0, T0, T0, null, null, 0);
    }

    @Test
    void aClaimCountsASendNotAnAttempt() {
        Step<MerchantNotification> claim = NotificationMachine.claim(pending(), LEASE_END);

        assertThat(claim.edge()).isEqualTo(NotificationMachine.ATTEMPT_CLAIMED);
        assertThat(claim.next().attempts()).isZero();
        assertThat(claim.next().claims()).isEqualTo(1);
        assertThat(claim.next().nextCheckAt()).isEqualTo(LEASE_END);
    }

    @Test
    void eachRecordedOutcomeCountsTheAttempt() {
        MerchantNotification claimed = NotificationMachine.claim(pending(), LEASE_END).next();

        assertThat(NotificationMachine.delivered(claimed, T0).next())
                .returns(1, MerchantNotification::attempts).returns(1, MerchantNotification::claims)
                .returns(NotificationStatus.DELIVERED, MerchantNotification::status);
        assertThat(NotificationMachine.attemptFailed(claimed, T0.plusSeconds(120), "TIMEOUT").next())
                .returns(1, MerchantNotification::attempts).returns(0, MerchantNotification::unrecordedSends);
        assertThat(NotificationMachine.deadLettered(claimed, "TIMEOUT").next())
                .returns(1, MerchantNotification::attempts).returns(NotificationStatus.DEAD_LETTERED, MerchantNotification::status);
    }

    @Test
    void aSendWhoseOutcomeWasNeverRecordedIsRepeatedAsTheSameAttempt() {
        // attempt 3 claimed and sent; its outcome never written; the lease ends and it is claimed again
        MerchantNotification afterTwo = pending().with(NotificationStatus.PENDING, 2, T0, null, "HTTP_5XX");
        MerchantNotification lost = NotificationMachine.claim(afterTwo, LEASE_END).next();

        MerchantNotification repeat = NotificationMachine.claim(lost, LEASE_END.plusSeconds(15)).next();
        MerchantNotification delivered = NotificationMachine.delivered(repeat, LEASE_END.plusSeconds(16)).next();

        assertThat(repeat.unrecordedSends()).as("the lost send and the one in flight").isEqualTo(2);
        assertThat(delivered.attempts()).as("the repeat spent no attempt").isEqualTo(3);
        assertThat(delivered.claims()).isEqualTo(4);
        assertThat(NotificationSchedule.gapAfter(delivered.attempts())).isPresent();
    }

    @Test
    void theClaimGuardDeadLettersOnceTooManySendsWentUnrecorded() {
        MerchantNotification n = pending();
        for (int i = 0; i < NotificationSchedule.UNRECORDED_SENDS_LIMIT; i++) {
            Step<MerchantNotification> claim = NotificationMachine.claim(n, LEASE_END);
            assertThat(claim.edge()).as("send %d", i + 1).isEqualTo(NotificationMachine.ATTEMPT_CLAIMED);
            n = claim.next();
        }

        Step<MerchantNotification> guard = NotificationMachine.claim(n, LEASE_END);

        assertThat(guard.edge()).isEqualTo(NotificationMachine.DEAD_LETTERED_EDGE);
        assertThat(guard.next().status()).isEqualTo(NotificationStatus.DEAD_LETTERED);
        assertThat(guard.next().lastProblem()).isEqualTo(NotificationMachine.OUTCOME_UNRECORDED);
        assertThat(guard.next().attempts()).as("no attempt counted").isZero();
        assertThat(guard.next().nextCheckAt()).isNull();
        NotificationMachine.MACHINE.check(guard.edge(), n, guard.next());
    }

    @Test
    void recordedAttemptsNeverTripTheGuard() {
        MerchantNotification n = pending();
        for (int i = 1; i < NotificationSchedule.maxAttempts(); i++) {
            Step<MerchantNotification> claim = NotificationMachine.claim(n, LEASE_END);
            assertThat(claim.edge()).isEqualTo(NotificationMachine.ATTEMPT_CLAIMED);
            n = NotificationMachine.attemptFailed(claim.next(), T0, "TIMEOUT").next();
        }
        assertThat(n.attempts()).isEqualTo(NotificationSchedule.maxAttempts() - 1);
        assertThat(NotificationMachine.claim(n, LEASE_END).edge()).isEqualTo(NotificationMachine.ATTEMPT_CLAIMED);
    }

    @Test
    void aResendStartsBothCountsAfresh() {
        MerchantNotification dead = NotificationMachine.outcomesUnrecorded(pending().withClaims(3)).next();

        MerchantNotification requeued = NotificationMachine.requeued(dead, T0).next();

        assertThat(requeued.attempts()).isZero();
        assertThat(requeued.claims()).isZero();
        assertThat(NotificationMachine.claim(requeued, LEASE_END).edge()).isEqualTo(NotificationMachine.ATTEMPT_CLAIMED);
    }

    @Test
    void aNotificationStoredBeforeClaimsWereCountedHasAsManyAsItsAttempts() {
        MerchantNotification old = pending().with(NotificationStatus.PENDING, 4, T0, null, "TIMEOUT");

        assertThat(old.claims()).isEqualTo(4);
        assertThat(old.unrecordedSends()).isZero();
    }
}
