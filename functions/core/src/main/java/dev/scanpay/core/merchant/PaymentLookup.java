package dev.scanpay.core.merchant;

import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;

/** How inquiry and cancel name a payment: paymentId, or paymentRequestId; paymentId wins when both come. */
public record PaymentLookup(String paymentId, String paymentRequestId) {

    public static PaymentLookup parse(Fields body) {
        String paymentId = body.optionalString("paymentId", 64).orElse(null);
        String paymentRequestId = body.optionalString("paymentRequestId", 64).orElse(null);
        if (paymentId == null && paymentRequestId == null) {
            throw ProtocolException.paramIllegal("paymentId", "or paymentRequestId is required");
        }
        return new PaymentLookup(paymentId, paymentRequestId);
    }
}
