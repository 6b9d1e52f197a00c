package dev.scanpay.core.service.followup;

import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.RefundStore.Applied;
import dev.scanpay.core.store.RefundStore.Lost;

/**
 * Applies a rule of {@link dev.scanpay.core.rules.RefundMachine} to a refund with one conditional write (with
 * the release of its amount when it fails).
 */
public final class RefundLifecycle extends Lifecycle<Refund> {

    private final RefundStore store;

    public RefundLifecycle(RefundStore store) {
        this.store = store;
    }

    @Override
    protected Written<Refund> write(Refund current, Step<Refund> step) {
        RefundStore.Transition written = store.replace(step.edge(), current, step.next());
        return written instanceof Applied applied ? new Written<>(applied.refund(), true)
                : new Written<>(((Lost) written).current(), false);
    }

    @Override
    protected String describe(Refund refund) {
        return "refund " + refund.refundId();
    }
}
