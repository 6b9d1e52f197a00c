package dev.scanpay.core.model.wallet;

import java.time.Instant;

/**
 * What a wallet's answer to a refund means. An answer that is missing, late, not 200, malformed or not
 * signed by the wallet is {@link Unknown}: never a success, never a failure.
 */
public sealed interface RefundOutcome {

    /** S: the wallet refunded the customer. */
    record Refunded(String walletRefundId, Instant refundTime) implements RefundOutcome {
    }

    /** F: the wallet refused the refund; nothing was refunded. */
    record Refused(String code, String message) implements RefundOutcome {
    }

    /** U: the wallet accepted the refund but has not finished it (REFUND_IN_PROCESS). */
    record Pending(String message) implements RefundOutcome {
    }

    record Unknown(String reason) implements RefundOutcome {
    }
}
