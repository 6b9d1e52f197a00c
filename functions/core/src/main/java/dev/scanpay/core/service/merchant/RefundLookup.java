package dev.scanpay.core.service.merchant;

import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;

/** How inquiryRefund names a refund: refundId, or refundRequestId; refundId wins when both come. */
public record RefundLookup(String refundId, String refundRequestId) {

    public static RefundLookup parse(Fields body) {
        String refundId = body.optionalString("refundId", 64).orElse(null);
        String refundRequestId = body.optionalString("refundRequestId", 64).orElse(null);
        if (refundId == null && refundRequestId == null) {
            throw ProtocolException.paramIllegal("refundId", "or refundRequestId is required");
        }
        return new RefundLookup(refundId, refundRequestId);
    }
}
