package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.store.NotificationStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.RefundStore.Applied;
import dev.scanpay.core.store.RefundStore.Lost;

/**
 * Applies a rule of {@link dev.scanpay.core.rules.RefundMachine} to a refund with one conditional write (with
 * the release of its amount when it fails, and the notification its verdict owes, in the same transaction).
 */
public final class RefundLifecycle extends Lifecycle<Refund> {

    private final RefundStore store;
    private final MerchantNotices notices;
    private final NotificationStore notifications;

    public RefundLifecycle(RefundStore store, MerchantNotices notices, NotificationStore notifications) {
        this.store = store;
        this.notices = notices;
        this.notifications = notifications;
    }

    @Override
    protected Written<Refund> write(Refund current, Step<Refund> step) {
        // a verdict a legacy is_sync=N refund asked to hear about is written with it (the outbox)
        List<Map<String, AttributeValue>> outbox = notices.owedForRefund(current, step.next()).map(notifications::item)
                .stream().toList();
        RefundStore.Transition written = store.replace(step.edge(), current, step.next(), outbox);
        return written instanceof Applied applied ? new Written<>(applied.refund(), true)
                : new Written<>(((Lost) written).current(), false);
    }

    @Override
    protected String describe(Refund refund) {
        return "refund " + refund.refundId();
    }
}
