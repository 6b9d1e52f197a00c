package dev.scanpay.core.service.followup;

import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One scheduled run of the status sweeper: handles what is due (payments to inquire, close or cancel,
 * refunds to ask about, notifications to send), and keeps going while more comes due within its budget,
 * waiting for the next payment or notification's own time rather than polling, so work due between two
 * scheduled runs is not left for a minute. (A refund's next check, always 3 s or more away, is picked up
 * by such a round or the next run.) A run starts by measuring how late it is: the age of the oldest item
 * due ({@link Metrics.Name#SWEEPER_LAG}).
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

    /** The three kinds of due items, each under its own shards of the due index. */
    public record DueQueues(PaymentStore payments, RefundStore refunds, NotificationStore notifications) {

        /** The earliest nextCheckAt after {@code now} and no later than {@code until}, of a payment or notification. */
        Optional<Instant> nextBetween(Instant now, Instant until) {
            return earliest(payments.nextDueBetween(now, until), notifications.nextDueBetween(now, until));
        }

        /** The nextCheckAt of the item that has been due longest, of any kind (one item read per shard). */
        Optional<Instant> oldestDue(Instant now) {
            return earliest(earliest(payments.nextDueBetween(Instant.EPOCH, now), refunds.nextDueBetween(Instant.EPOCH, now)),
                    notifications.nextDueBetween(Instant.EPOCH, now));
        }

        private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
            if (a.isEmpty()) {
                return b;
            }
            return b.filter(x -> x.isBefore(a.get())).or(() -> a);
        }
    }

    /** What one run did. */
    public record Result(int rounds, int handled) {
    }

    private final PaymentFollowUp followUp;
    private final RefundFollowUp refundFollowUp;
    private final NotificationDelivery delivery;
    private final DueQueues queues;
    private final Clock clock;
    private final Pause pause;
    private final Metrics metrics;

    public Sweeper(PaymentFollowUp followUp, RefundFollowUp refundFollowUp, NotificationDelivery delivery,
                   DueQueues queues, Clock clock, Pause pause, Metrics metrics) {
        this.followUp = followUp;
        this.refundFollowUp = refundFollowUp;
        this.delivery = delivery;
        this.queues = queues;
        this.clock = clock;
        this.pause = pause;
        this.metrics = metrics;
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
        Instant start = clock.instant();
        Instant end = start.plus(budget);
        Optional<Instant> oldest = queues.oldestDue(start);
        metrics.put(Metrics.Name.SWEEPER_LAG, oldest.map(at -> Duration.between(at, start).toMillis() / 1000.0).orElse(0.0));
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
        return queues.nextBetween(now, end);
    }
}
