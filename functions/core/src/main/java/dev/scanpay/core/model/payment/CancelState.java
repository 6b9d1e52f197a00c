package dev.scanpay.core.model.payment;

/**
 * Where the wallet stands on a cancel we decided: NONE until we cancel, PENDING until the wallet confirms. Its
 * moves, with the payment's status, are declared in {@code dev.scanpay.core.rules.PaymentMachine}.
 */
public enum CancelState {
    NONE, PENDING, CONFIRMED
}
