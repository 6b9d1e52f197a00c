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
 */
public final class NotificationMachine {

    public static final Edge<NotificationStatus> OWED = Edge.<NotificationStatus>named("owed",
            "put with the payment's outcome, in the payment's own transaction (the outbox); due now").move(null, PENDING).build();
    public static final Edge<NotificationStatus> ATTEMPT_CLAIMED = Edge.<NotificationStatus>named("attemptClaimed",
            "attempt counted, next check moved past the send; for a success only while the payment is still SUCCESS")
            .stays(PENDING).build();
    public static final Edge<NotificationStatus> DELIVERED_EDGE = Edge.<NotificationStatus>named("delivered",
            "deliveredAt; no longer due: the merchant answered S").move(PENDING, DELIVERED).build();
    public static final Edge<NotificationStatus> ATTEMPT_FAILED = Edge.<NotificationStatus>named("attemptFailed",
            "the problem; next attempt after the schedule's gap").stays(PENDING).build();
    public static final Edge<NotificationStatus> DEAD_LETTERED_EDGE = Edge.<NotificationStatus>named("deadLettered",
            "the problem; no longer due; filed under the client's dead letters in the same transaction")
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

    /** Takes attempt {@code n.attempts() + 1} for this sender until {@code leaseEnd}. */
    public static Step<MerchantNotification> attemptClaimed(MerchantNotification n, Instant leaseEnd) {
        return ATTEMPT_CLAIMED.to(n.with(PENDING, n.attempts() + 1, leaseEnd, null, n.lastProblem()));
    }

    public static Step<MerchantNotification> delivered(MerchantNotification claimed, Instant at) {
        return DELIVERED_EDGE.to(claimed.with(DELIVERED, claimed.attempts(), null, at, null));
    }

    public static Step<MerchantNotification> attemptFailed(MerchantNotification claimed, Instant nextAttempt, String problem) {
        return ATTEMPT_FAILED.to(claimed.with(PENDING, claimed.attempts(), nextAttempt, null, problem));
    }

    public static Step<MerchantNotification> deadLettered(MerchantNotification claimed, String problem) {
        return DEAD_LETTERED_EDGE.to(claimed.with(DEAD_LETTERED, claimed.attempts(), null, null, problem));
    }

    public static Step<MerchantNotification> superseded(MerchantNotification n) {
        return SUPERSEDED_EDGE.to(n.with(SUPERSEDED, n.attempts(), null, null, "the payment no longer has this result"));
    }

    public static Step<MerchantNotification> requeued(MerchantNotification n, Instant now) {
        return REQUEUED.to(n.with(PENDING, 0, now, null, n.lastProblem()));
    }
}
