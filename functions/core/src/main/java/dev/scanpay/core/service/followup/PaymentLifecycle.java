package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.PaymentStore.Applied;
import dev.scanpay.core.store.PaymentStore.Lost;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies a rule of {@link dev.scanpay.core.rules.PaymentMachine} to a payment with one conditional write, with
 * the merchant's notification, when the change owes one, in the same transaction (the outbox). Every payment's
 * final status is written here, so this is where {@link Metrics.Name#PAYMENTS} counts them: once, by the write
 * that made the change.
 */
public final class PaymentLifecycle extends Lifecycle<Payment> {

    private final PaymentStore store;
    private final MerchantNotices notices;
    private final NotificationStore notifications;
    private final Metrics metrics;

    public PaymentLifecycle(PaymentStore store, MerchantNotices notices, NotificationStore notifications, Metrics metrics) {
        this.store = store;
        this.notices = notices;
        this.notifications = notifications;
        this.metrics = metrics;
    }

    @Override
    protected Written<Payment> write(Payment current, Step<Payment> step) {
        // what the merchant must hear about this change is written with it (the outbox)
        List<Map<String, AttributeValue>> outbox = notices.owed(current, step.next()).map(notifications::item).stream().toList();
        PaymentStore.Transition written = store.replace(step.edge(), current, step.next(), outbox);
        if (written instanceof Applied applied) {
            countIfFinal(current, applied.payment());
            return new Written<>(applied.payment(), true);
        }
        return new Written<>(((Lost) written).current(), false);
    }

    private void countIfFinal(Payment before, Payment after) {
        PaymentStatus status = after.status();
        boolean isFinal = status == PaymentStatus.SUCCESS || status == PaymentStatus.FAIL || status == PaymentStatus.CANCELLED;
        if (isFinal && before.status() != status) {
            metrics.count(Metrics.Name.PAYMENTS, after.scenario().name(), status.name());
        }
    }

    @Override
    protected String describe(Payment payment) {
        return "payment " + payment.paymentId();
    }
}
