package dev.scanpay.core.rules;

import static dev.scanpay.core.model.notification.NotificationStatus.DEAD_LETTERED;
import static dev.scanpay.core.model.notification.NotificationStatus.DELIVERED;
import static dev.scanpay.core.model.notification.NotificationStatus.PENDING;
import static dev.scanpay.core.model.notification.NotificationStatus.SUPERSEDED;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A merchant notification's life, in one place: its states ({@link NotificationStatus}), every edge between
 * them named for what causes it, and the steps that take them. {@code NotificationStore} refuses any write that
 * is not an edge here. Drawn in {@code docs/notification-machine.mmd}.
 *
 * <p>Two counts: a claim counts a send ({@code claims}); an attempt ({@code attempts}, what the eight of
 * {@link NotificationSchedule} are counted in) is counted by the edge that records its outcome (delivered,
 * attemptFailed, deadLettered). So a send whose outcome was never written (the write failed past its retries, or the
 * function died after the send) is sent again when its lease ends without spending an attempt; an acknowledged one is
 * then a repeat the merchant drops by its notifyId. The claim guard ({@link #claim}) bounds those repeats: once
 * {@link NotificationSchedule#UNRECORDED_SENDS_LIMIT} sends went out unrecorded, the notification is dead-lettered
 * ({@link #OUTCOME_UNRECORDED}) instead of sent again.
 */
public final class NotificationMachine {

    public static final Edge<NotificationStatus> OWED = Edge.<NotificationStatus>named("owed",
            "put with the payment's outcome, in the payment's own transaction (the outbox); due now").move(null, PENDING).build();
    public static final Edge<NotificationStatus> ATTEMPT_CLAIMED = Edge.<NotificationStatus>named("attemptClaimed",
            "a send started: claims counted (not attempts), next check moved past the send (the lease); for a success"
                    + " only while the payment is still SUCCESS").stays(PENDING).build();
    public static final Edge<NotificationStatus> DELIVERED_EDGE = Edge.<NotificationStatus>named("delivered",
            "attempt counted, deliveredAt; no longer due: the merchant answered S").move(PENDING, DELIVERED).build();
    public static final Edge<NotificationStatus> ATTEMPT_FAILED = Edge.<NotificationStatus>named("attemptFailed",
            "attempt counted, the problem; next attempt after the schedule's gap").stays(PENDING).build();
    public static final Edge<NotificationStatus> DEAD_LETTERED_EDGE = Edge.<NotificationStatus>named("deadLettered",
            "the last attempt failed (counted), or the claim guard: too many sends went out with no outcome recorded"
                    + " (OUTCOME_UNRECORDED); no longer due; filed under the client's dead letters in the same transaction")
            .move(PENDING, DEAD_LETTERED).build();
    public static final Edge<NotificationStatus> SUPERSEDED_EDGE = Edge.<NotificationStatus>named("superseded",
            "never sent: the merchant reversed the payment this success reports").move(PENDING, SUPERSEDED).build();
    public static final Edge<NotificationStatus> REQUEUED = Edge.<NotificationStatus>named("requeued",
            "the merchant's resend: a fresh schedule, due now, off the dead-letter list in the same transaction")
            .move(DEAD_LETTERED, PENDING).move(DELIVERED, PENDING).stays(PENDING).build();

    public static final Machine<MerchantNotification, NotificationStatus> MACHINE = new Machine<>(
            "illegal notification transition", NotificationStatus.class, n -> Optional.of(n.status()),
            List.of(OWED, ATTEMPT_CLAIMED, DELIVERED_EDGE, ATTEMPT_FAILED, DEAD_LETTERED_EDGE, SUPERSEDED_EDGE, REQUEUED));

    private NotificationMachine() {
    }

    /** The problem of a notification dead-lettered by the claim guard: its sends' outcomes could not be written. */
    public static final String OUTCOME_UNRECORDED = "OUTCOME_UNRECORDED";

    /**
     * What a sender does with a due notification: claims a send of attempt {@code n.attempts() + 1} until
     * {@code leaseEnd} ({@link #attemptClaimed}), or, once {@link NotificationSchedule#UNRECORDED_SENDS_LIMIT} sends
     * went out whose outcome was never recorded, dead-letters it ({@link #outcomesUnrecorded}) instead of sending again.
     */
    public static Step<MerchantNotification> claim(MerchantNotification n, Instant leaseEnd) {
        return n.unrecordedSends() >= NotificationSchedule.UNRECORDED_SENDS_LIMIT
                ? outcomesUnrecorded(n) : attemptClaimed(n, leaseEnd);
    }

    /** Takes a send of attempt {@code n.attempts() + 1} for this sender until {@code leaseEnd}: a claim, not yet an attempt. */
    public static Step<MerchantNotification> attemptClaimed(MerchantNotification n, Instant leaseEnd) {
        return ATTEMPT_CLAIMED.to(n.with(PENDING, n.attempts(), leaseEnd, null, n.lastProblem()).withClaims(n.claims() + 1));
    }

    /** The merchant acknowledged the claimed send: the attempt counts. */
    public static Step<MerchantNotification> delivered(MerchantNotification claimed, Instant at) {
        return DELIVERED_EDGE.to(claimed.with(DELIVERED, claimed.attempts() + 1, null, at, null));
    }

    /** The claimed send failed with {@code problem}: the attempt counts, and the next is due at {@code nextAttempt}. */
    public static Step<MerchantNotification> attemptFailed(MerchantNotification claimed, Instant nextAttempt, String problem) {
        return ATTEMPT_FAILED.to(claimed.with(PENDING, claimed.attempts() + 1, nextAttempt, null, problem));
    }

    /** The claimed send was the last attempt and failed with {@code problem}: the attempt counts. */
    public static Step<MerchantNotification> deadLettered(MerchantNotification claimed, String problem) {
        return DEAD_LETTERED_EDGE.to(claimed.with(DEAD_LETTERED, claimed.attempts() + 1, null, null, problem));
    }

    /** The claim guard: too many sends went out unrecorded; dead-lettered with no attempt counted. */
    public static Step<MerchantNotification> outcomesUnrecorded(MerchantNotification n) {
        return DEAD_LETTERED_EDGE.to(n.with(DEAD_LETTERED, n.attempts(), null, null, OUTCOME_UNRECORDED));
    }

    public static Step<MerchantNotification> superseded(MerchantNotification n) {
        return SUPERSEDED_EDGE.to(n.with(SUPERSEDED, n.attempts(), null, null, "the payment no longer has this result"));
    }

    public static Step<MerchantNotification> requeued(MerchantNotification n, Instant now) {
        return REQUEUED.to(n.with(PENDING, 0, now, null, n.lastProblem()).withClaims(0));
    }
}
