package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.Rule;
import dev.scanpay.core.rules.Step;
import java.util.Optional;

/**
 * Applies a rule of a record's machine with one conditional write by the edge the rule names. When another
 * writer got there first, the rule is applied again to the winner's state (which the failed write returned),
 * so an event is never lost and never applied twice. {@link PaymentLifecycle} and {@link RefundLifecycle} say
 * how their record is written.
 */
public abstract class Lifecycle<R> {

    private static final int MAX_ATTEMPTS = 10;

    /** What one write left: the record as stored, and whether it was this write's. */
    protected record Written<R>(R record, boolean applied) {
    }

    /** Writes {@code step} over {@code current} if nobody changed it in between. */
    protected abstract Written<R> write(R current, Step<R> step);

    /** The record, for a message ("payment P1"). */
    protected abstract String describe(R record);

    /**
     * @param rule answers {@link Step#stay} when the event changes nothing
     * @return the record as stored afterwards
     */
    public R apply(R current, Rule<R> rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Step<R> step = rule.apply(current);
            if (!step.changes()) {
                return current;
            }
            Written<R> written = write(current, step);
            if (written.applied()) {
                return written.record();
            }
            current = written.record();
        }
        throw new IllegalStateException(describe(current) + " changed " + MAX_ATTEMPTS + " times under us");
    }

    /**
     * Writes {@code step} only if {@code current} is still what is stored; for claims, where losing means
     * someone else is already doing the work. Empty when lost.
     */
    public Optional<R> claim(R current, Step<R> step) {
        Written<R> written = write(current, step);
        return written.applied() ? Optional.of(written.record()) : Optional.empty();
    }
}
