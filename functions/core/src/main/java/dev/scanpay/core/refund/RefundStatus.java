package dev.scanpay.core.refund;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A refund's life. The transition table below is the only place that says which moves are legal.
 *
 * <pre>
 * PROCESSING (the amount is reserved on the payment; the wallet has not given a final answer) -> SUCCESS, FAIL
 * SUCCESS    (the wallet refunded the customer; the reservation stays, for good)              final
 * FAIL       (the wallet refused; the reservation was released in the same write)            final
 * </pre>
 */
public enum RefundStatus {
    PROCESSING, SUCCESS, FAIL;

    private static final Map<RefundStatus, Set<RefundStatus>> NEXT = Map.of(
            PROCESSING, EnumSet.of(SUCCESS, FAIL),
            SUCCESS, EnumSet.noneOf(RefundStatus.class),
            FAIL, EnumSet.noneOf(RefundStatus.class));

    public boolean canMoveTo(RefundStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return this != PROCESSING;
    }
}
