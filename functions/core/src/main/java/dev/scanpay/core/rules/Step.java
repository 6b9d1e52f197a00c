package dev.scanpay.core.rules;

/**
 * What a rule decided: write {@link #next()} by {@link #edge()}, or (no edge) leave the record as it is.
 */
public record Step<R>(Edge<?> edge, R next) {

    /** Nothing to write: the event changes nothing (a duplicate, a late answer). */
    public static <R> Step<R> stay(R current) {
        return new Step<>(null, current);
    }

    public boolean changes() {
        return edge != null;
    }
}
