package dev.scanpay.core.service.merchant;

import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.store.PaymentStore;

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

    /** The named payment, if it is {@code clientId}'s: another client's payment does not exist for this caller. */
    public Payment findFor(String clientId, PaymentStore store) {
        var payment = paymentId != null ? store.get(paymentId) : store.findByRequest(clientId, paymentRequestId);
        return payment.filter(p -> p.clientId().equals(clientId))
                .orElseThrow(() -> new ProtocolException(ResultCode.ORDER_NOT_EXIST, "no such payment"));
    }
}
