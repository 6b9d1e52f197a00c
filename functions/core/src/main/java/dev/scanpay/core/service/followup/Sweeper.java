package dev.scanpay.core.service.followup;

import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One scheduled run of the status sweeper: handles what is due (payments to inquire, close or cancel,
 * refunds to ask about, notifications to send), and keeps going while more comes due within its budget,
 * waiting for the next payment or notification's own time rather than polling, so work due between two
 * scheduled runs is not left for a minute. (A refund's next check, always 3 s or more away, is picked up
 * by such a round or the next run.)
 */
public final class Sweeper {

    /**
     * How a run waits for the next thing coming due. Deployed, it sleeps; a test whose clock it moves passes
     * one that advances that clock instead, so nothing waits on the wall clock.
     */
    @FunctionalInterface
    public interface Pause {

        /** Sleeps on the wall clock. */
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    /** What one run did. */
    public record Result(int rounds, int handled) {
    }

    private final PaymentFollowUp followUp;
    private final RefundFollowUp refundFollowUp;
    private final NotificationDelivery delivery;
    private final PaymentStore payments;
    private final NotificationStore notifications;
    private final Clock clock;
    private final Pause pause;

    public Sweeper(PaymentFollowUp followUp, RefundFollowUp refundFollowUp, NotificationDelivery delivery,
                   PaymentStore payments, NotificationStore notifications, Clock clock, Pause pause) {
        this.followUp = followUp;
        this.refundFollowUp = refundFollowUp;
        this.delivery = delivery;
        this.payments = payments;
        this.notifications = notifications;
        this.clock = clock;
        this.pause = pause;
    }

    /** One round: everything due now (payments, refunds, notifications), up to {@code limit} per shard of each kind. */
    public int sweepOnce(int limit) {
        return followUp.sweep(limit) + refundFollowUp.sweep(limit) + delivery.sweep(limit);
    }

    /**
     * Rounds until nothing is due now and nothing comes due before {@code budget} runs out (a Lambda
     * invocation's; zero means one round).
     */
    public Result sweepFor(int limit, Duration budget) {
        Instant end = clock.instant().plus(budget);
        // the invocation's real time bounds it too, whatever the clock says (a test's clock stands still)
        long realDeadline = System.nanoTime() + budget.toNanos();
        int rounds = 0;
        int handled = 0;
        while (true) {
            int found = sweepOnce(limit);
            handled += found;
            rounds++;
            if (System.nanoTime() >= realDeadline) {
                return new Result(rounds, handled);
            }
            if (found > 0 && clock.instant().isBefore(end)) {
                continue;
            }
            Optional<Instant> next = nextDue(end);
            if (next.isEmpty()) {
                return new Result(rounds, handled);
            }
            long waitMs = Math.min(Duration.between(clock.instant(), next.get()).toMillis(),
                    Duration.ofNanos(realDeadline - System.nanoTime()).toMillis());
            if (waitMs > 0) {
                try {
                    pause.pause(Duration.ofMillis(waitMs));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(rounds, handled);
                }
            }
        }
    }

    private Optional<Instant> nextDue(Instant end) {
        Instant now = clock.instant();
        if (!now.isBefore(end)) {
            return Optional.empty();
        }
        Optional<Instant> payment = payments.nextDueBetween(now, end);
        Optional<Instant> notification = notifications.nextDueBetween(now, end);
        if (payment.isEmpty()) {
            return notification;
        }
        return notification.filter(n -> n.isBefore(payment.get())).or(() -> payment);
    }
}
