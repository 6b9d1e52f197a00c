package dev.scanpay.core.lifecycle;

import dev.scanpay.core.notify.MerchantNotices;
import dev.scanpay.core.payment.Payment;
import dev.scanpay.core.store.NotificationStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.PaymentStore.Applied;
import dev.scanpay.core.store.PaymentStore.Lost;
import java.util.function.UnaryOperator;

/**
 * Applies a rule to a payment with one conditional write (with the merchant's notification, when the
 * change owes one, in the same transaction). When another writer got there first, the rule
 * is applied again to the winner's state (which the failed write returned), so an event is never lost
 * and never applied twice.
 */
public final class PaymentLifecycle {

    private static final int MAX_ATTEMPTS = 10;

    private final PaymentStore store;
    private final MerchantNotices notices;
    private final NotificationStore notifications;

    public PaymentLifecycle(PaymentStore store, MerchantNotices notices, NotificationStore notifications) {
        this.store = store;
        this.notices = notices;
        this.notifications = notifications;
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
            // what the merchant must hear about this change is written with it (the outbox)
            List<Map<String, AttributeValue>> outbox = notices.owed(current, next).map(notifications::item).stream().toList();
            PaymentStore.Transition written = store.replace(current, next, outbox);
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
