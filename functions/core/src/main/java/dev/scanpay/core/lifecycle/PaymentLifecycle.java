package dev.scanpay.core.lifecycle;

import dev.scanpay.core.payment.Payment;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.PaymentStore.Applied;
import dev.scanpay.core.store.PaymentStore.Lost;
import java.util.function.UnaryOperator;

/**
 * Applies a rule to a payment with one conditional write. When another writer got there first, the rule
 * is applied again to the winner's state (which the failed write returned), so an event is never lost
 * and never applied twice.
 */
public final class PaymentLifecycle {

    private static final int MAX_ATTEMPTS = 10;

    private final PaymentStore store;

    public PaymentLifecycle(PaymentStore store) {
        this.store = store;
    }

    /**
     * @param rule returns its argument itself when the event changes nothing
     * @return the payment as stored afterwards
     */
    public Payment apply(Payment current, UnaryOperator<Payment> rule) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Payment next = rule.apply(current);
            if (next == current) {
                return current;
            }
            PaymentStore.Transition written = store.replace(current, next);
            if (written instanceof Applied applied) {
                return applied.payment();
            }
            current = ((Lost) written).current();
        }
        throw new IllegalStateException("payment " + current.paymentId() + " changed " + MAX_ATTEMPTS + " times under us");
    }

    /**
     * Writes {@code next} only if {@code current} is still what is stored; for claims, where losing means
     * someone else is already doing the work. Empty when lost.
     */
    public java.util.Optional<Payment> claim(Payment current, Payment next) {
        return store.replace(current, next) instanceof Applied applied
                ? java.util.Optional.of(applied.payment())
                : java.util.Optional.empty();
    }
}
