package dev.scanpay.core.service.reconcile;

/** How the gateway's ledger and a wallet's own file can disagree about one transaction. */
public enum BreakType {
    /** The ledger has a payment or cancel the wallet's file does not. */
    MISSING_AT_WALLET,
    /** The wallet's file has a payment or cancel the ledger does not. */
    MISSING_AT_GATEWAY,
    /** Both have it, for different amounts. */
    AMOUNT_MISMATCH,
    /** Both have it, in different currencies. */
    CURRENCY_MISMATCH,
    /** The gateway reversed a payment the wallet still shows as captured (no cancel in its file). */
    REVERSED_HERE_CAPTURED_THERE,
    /** A refund in one and not the other, or for another amount or currency. */
    REFUND_MISMATCH,
    /** The wallet's file has the same transaction more than once. */
    DUPLICATE
}
