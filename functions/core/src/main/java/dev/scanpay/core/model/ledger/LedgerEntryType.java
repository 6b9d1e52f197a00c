package dev.scanpay.core.model.ledger;

/**
 * What one ledger entry records. Each maps to the {@code transactionType} of Antom's report files (PAYMENT,
 * CANCEL, REFUND) and says which way the money went for the merchant: a capture adds, a reversal or a refund
 * takes away. The late pair is a success the gateway did not accept (the payment was already cancelled or
 * failed): the wallet did charge, so it is captured and at once reversed, netting to zero, and the wallet's own
 * record of that charge and its cancel can be matched.
 */
public enum LedgerEntryType {
    /** A payment became SUCCESS. */
    CAPTURE("PAYMENT", 1),
    /** A paid payment was cancelled (reversed in full). */
    REVERSAL("CANCEL", -1),
    /** A refund became SUCCESS. */
    REFUND("REFUND", -1),
    /** A wallet's success for a payment already closed: what it charged ... */
    LATE_CAPTURE("PAYMENT", 1),
    /** ... and the gateway's cancel of it, written with it. */
    LATE_REVERSAL("CANCEL", -1);

    private final String transactionType;
    private final int sign;

    LedgerEntryType(String transactionType, int sign) {
        this.transactionType = transactionType;
        this.sign = sign;
    }

    /** Antom's transactionType: PAYMENT, CANCEL or REFUND. */
    public String transactionType() {
        return transactionType;
    }

    /** +1 when the merchant gains the amount, -1 when it goes back to the customer. */
    public int sign() {
        return sign;
    }
}
