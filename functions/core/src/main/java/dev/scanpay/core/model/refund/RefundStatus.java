package dev.scanpay.core.model.refund;

/**
 * A refund's status. Which moves are legal is declared in one place: {@code dev.scanpay.core.rules.RefundMachine};
 * the store refuses any other.
 *
 * <pre>
 * PROCESSING (the amount is reserved on the payment; the wallet has not given a final answer)
 * SUCCESS    (the wallet refunded the customer; the reservation stays, for good)              final
 * FAIL       (the wallet refused; the reservation was released in the same write)            final
 * </pre>
 */
public enum RefundStatus {
    PROCESSING, SUCCESS, FAIL;

    public boolean isFinal() {
        return this != PROCESSING;
    }
}
