package dev.scanpay.core.service.merchant;

import dev.scanpay.core.rules.RefundRules;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;

/**
 * A merchant's refund request (AMS {@code payments/refund}), checked field by field.
 *
 * @param notifyUrl    where the verdict is notified (a legacy is_sync=N refund's notify_url); null for none
 * @param notifyFormat the form of that notification
 */
public record RefundRequest(String refundRequestId, String paymentId, Money amount, String referenceRefundId,
                            String reason, String notifyUrl, NotifyFormat notifyFormat) {

    public RefundRequest {
        notifyFormat = notifyFormat == null ? NotifyFormat.AMS : notifyFormat;
    }

    /** An AMS refund: its verdict is answered or inquired, not notified. */
    public RefundRequest(String refundRequestId, String paymentId, Money amount, String referenceRefundId, String reason) {
        this(refundRequestId, paymentId, amount, referenceRefundId, reason, null, NotifyFormat.AMS);
    }

    public static RefundRequest parse(Fields body) {
        String refundRequestId = body.string("refundRequestId", 64);
        String paymentId = body.string("paymentId", 64);
        Money amount = body.amount("refundAmount");
        if (amount.minor() <= 0) {
            throw ProtocolException.paramIllegal("refundAmount.value", "must be more than zero");
        }
        String referenceRefundId = body.optionalString("referenceRefundId", 64).orElse(null);
        String reason = body.optionalString("refundReason", 256).orElse(null);
        return new RefundRequest(refundRequestId, paymentId, amount, referenceRefundId, reason);
    }

    public String requestHash() {
        return RefundRules.requestHash(paymentId, amount);
    }
}
