package dev.scanpay.core.model.payment;

/**
 * A payment's status. Which moves are legal, together with the payment's cancel state and late-success mark,
 * is declared in one place: {@code dev.scanpay.core.rules.PaymentMachine}; the store refuses any other.
 *
 * <pre>
 * CREATED    (code issued, nobody has scanned it)
 * PROCESSING (wallet is charging or the customer is confirming)
 * SUCCESS    (a cancel inside the window reverses it in full)
 * FAIL, CANCELLED: final (a late success from the wallet is recorded and the wallet told to cancel)
 * </pre>
 */
public enum PaymentStatus {
    CREATED, PROCESSING, SUCCESS, FAIL, CANCELLED;

    /** True once the payment has an outcome the merchant can act on. */
    public boolean hasOutcome() {
        return this == SUCCESS || this == FAIL || this == CANCELLED;
    }
}
