package dev.scanpay.core.lifecycle;

import dev.scanpay.core.refund.Refund;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.RefundStore.Applied;
import dev.scanpay.core.store.RefundStore.Lost;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies a rule to a refund with one conditional write (with the release of its amount when it fails).
 * When another writer got there first, the rule is applied again to the winner's state.
 */
public final class RefundLifecycle {

    private static final int MAX_ATTEMPTS = 10;

    private final RefundStore store;

    public RefundLifecycle(RefundStore store) {
        this.store = store;
    }

    /** @param rule returns its argument itself when the event changes nothing */
    public Refund apply(Refund current, UnaryOperator<Refund> rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Refund next = rule.apply(current);
            if (next == current) {
                return current;
            }
            RefundStore.Transition written = store.replace(current, next);
            if (written instanceof Applied applied) {
                return applied.refund();
            }
            current = ((Lost) written).current();
        }
        throw new IllegalStateException("refund " + current.refundId() + " changed " + MAX_ATTEMPTS + " times under us");
    }

    /** Writes {@code next} only if {@code current} is still what is stored; empty when someone else was first. */
    public Optional<Refund> claim(Refund current, Refund next) {
        return store.replace(current, next) instanceof Applied applied ? Optional.of(applied.refund()) : Optional.empty();
    }
}
