package dev.scanpay.core.rules;

/**
 * An event applied to a record's current state: which edge it takes and what the record becomes. Applied
 * again to the winner's state when a write loses a race, so it must only read its argument.
 */
@FunctionalInterface
public interface Rule<R> {
    Step<R> apply(R current);
}
