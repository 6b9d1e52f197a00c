package dev.scanpay.core.payment;

/** Where the wallet stands on a cancel we decided: NONE until we cancel, PENDING until the wallet confirms. */
public enum CancelState {
    NONE, PENDING, CONFIRMED
}
