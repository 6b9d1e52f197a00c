package dev.scanpay.core.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A payment's life. The transition table below is the only place that says which moves are legal;
 * the store refuses any other.
 *
 * <pre>
 * CREATED    (code issued, nobody has scanned it) -> PROCESSING, CANCELLED
 * PROCESSING (wallet is charging or the customer is confirming) -> SUCCESS, FAIL, CANCELLED
 * SUCCESS    -> CANCELLED (a cancel inside the window reverses it in full)
 * FAIL, CANCELLED: final
 * </pre>
 *
 * Once CANCELLED, a late success from the wallet does not move the payment; it is recorded and the
 * wallet is told to cancel.
 */
public enum PaymentStatus {
    CREATED, PROCESSING, SUCCESS, FAIL, CANCELLED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.of(
            CREATED, EnumSet.of(PROCESSING, CANCELLED),
            PROCESSING, EnumSet.of(SUCCESS, FAIL, CANCELLED),
            SUCCESS, EnumSet.of(CANCELLED),
            FAIL, EnumSet.noneOf(PaymentStatus.class),
            CANCELLED, EnumSet.noneOf(PaymentStatus.class));

    public boolean canMoveTo(PaymentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** True once the payment has an outcome the merchant can act on. */
    public boolean hasOutcome() {
        return this == SUCCESS || this == FAIL || this == CANCELLED;
    }

    public Set<PaymentStatus> next() {
        return NEXT.get(this);
    }
}
