package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.store.NotificationStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.RefundStore.Applied;
import dev.scanpay.core.store.RefundStore.Lost;

/**
 * Applies a rule of {@link dev.scanpay.core.rules.RefundMachine} to a refund with one conditional write (with
 * the release of its amount when it fails, and the notification its verdict owes, in the same transaction). Counts
 * each refund's final status ({@link Metrics.Name#REFUNDS}) once, by the write that made it.
 */
public final class RefundLifecycle extends Lifecycle<Refund> {

    private final RefundStore store;
    private final MerchantNotices notices;
    private final NotificationStore notifications;
    private final Metrics metrics;

    public RefundLifecycle(RefundStore store, MerchantNotices notices, NotificationStore notifications, Metrics metrics) {
        this.store = store;
        this.notices = notices;
        this.notifications = notifications;
        this.metrics = metrics;
    }

    @Override
    protected Written<Refund> write(Refund current, Step<Refund> step) {
        // a verdict a legacy is_sync=N refund asked to hear about is written with it (the outbox)
        List<Map<String, AttributeValue>> outbox = notices.owedForRefund(current, step.next()).map(notifications::item)
                .stream().toList();
        RefundStore.Transition written = store.replace(step.edge(), current, step.next(), outbox);
        if (written instanceof Applied applied) {
            if (applied.refund().status().isFinal() && current.status() != applied.refund().status()) {
                metrics.count(Metrics.Name.REFUNDS, applied.refund().status().name());
            }
            return new Written<>(applied.refund(), true);
        }
        return new Written<>(((Lost) written).current(), false);
    }

    @Override
    protected String describe(Refund refund) {
        return "refund " + refund.refundId();
    }
}
