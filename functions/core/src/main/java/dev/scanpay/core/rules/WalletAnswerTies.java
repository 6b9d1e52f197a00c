package dev.scanpay.core.rules;

import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.Payment;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a wallet's answer about a payment to what was asked. A signed answer that names another
 * paymentRequestId, or another amount or currency, is not about this payment: taken as it is, a wallet's
 * mistake (or a replayed answer for another payment) would mark a payment paid that nobody paid. The
 * protocol does not require the wallet to echo these fields, so only what is present is checked.
 */
public final class WalletAnswerTies {

    private static final Logger LOG = LoggerFactory.getLogger(WalletAnswerTies.class);

    private WalletAnswerTies() {
    }

    /** Why the answer is not about {@code payment}, if it is not. */
    public static Optional<String> mismatch(Payment payment, Map<String, Object> body) {
        Object requestId = body.get("paymentRequestId");
        // the wallet knows the payment by our paymentId, which it received as its paymentRequestId
        if (requestId != null && !payment.paymentId().equals(String.valueOf(requestId))) {
            return Optional.of("paymentRequestId is another payment's");
        }
        Object amount = body.get("paymentAmount");
        if (amount != null && !sameAmount(payment.amount(), amount)) {
            return Optional.of("paymentAmount differs from the payment's amount or currency");
        }
        return Optional.empty();
    }

    /**
     * The answer counts as no answer. Its caller counts it (the WalletAnswerMismatch metric, which the
     * template alarms on): a wallet that answers for the wrong payment needs a person.
     */
    public static WalletOutcome unknown(Wallet wallet, String operation, Payment payment, String why) {
        LOG.warn("Wallet answer mismatch: {} answered {} of payment {} for something else ({}); not taken as an answer",
                wallet.walletId(), operation, payment.paymentId(), why);
        return new WalletOutcome.Unknown("the answer is not about this payment: " + why);
    }

    /** Whether a wire amount ({currency, value}, value as a string or a number) is {@code expected}. */
    public static boolean sameAmount(Money expected, Object wire) {
        if (!(wire instanceof Map<?, ?> map)) {
            return false;
        }
        return expected.currencyCode().equals(String.valueOf(map.get("currency")))
                && expected.minorString().equals(String.valueOf(map.get("value")));
    }
}
