package dev.scanpay.core.model.wallet;

import java.time.Instant;

/**
 * What a wallet's answer means for a payment. An answer that is missing, late, not 200, malformed or not
 * signed by the wallet is {@link Unknown}: never a success, never a failure.
 */
public sealed interface WalletOutcome {

    record Paid(String walletPaymentId, Instant paymentTime, String customerId) implements WalletOutcome {
    }

    record Declined(String code, String message) implements WalletOutcome {
    }

    /** The wallet is still charging or the customer is still confirming (U / PAYMENT_IN_PROCESS). */
    record Pending(String message) implements WalletOutcome {
    }

    /** Inquiry: the wallet has no such payment (it may not have arrived yet). */
    record NotFound() implements WalletOutcome {
    }

    /** Cancel: the wallet confirmed the cancel (and refunded the customer if it had charged). */
    record Cancelled() implements WalletOutcome {
    }

    record Unknown(String reason) implements WalletOutcome {
    }
}
