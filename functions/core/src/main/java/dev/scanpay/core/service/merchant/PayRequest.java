package dev.scanpay.core.service.merchant;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.RequestHash;
import dev.scanpay.core.model.payment.Scenario;
import java.time.Instant;

/**
 * A validated AMS pay request.
 *
 * @param paymentCode the customer's code (user-presented only); held in memory for the wallet call, never stored
 * @param userAgent   the wallet in-app browser's User-Agent (entry code: it says which wallet's cashier to use)
 * @param redirectUrl paymentRedirectUrl: where the customer returns after paying an entry-code payment
 */
public record PayRequest(
        String paymentRequestId,
        Scenario scenario,
        Money amount,
        String paymentCode,
        OrderDetails order,
        String notifyUrl,
        Instant expiryTime,
        String userAgent,
        String redirectUrl) {

    /**
     * What must match on a repeat of the same paymentRequestId: amount, currency, scenario and code.
     * Hashed, so the code is compared without being kept.
     */
    public String idempotencyHash() {
        // the separator-joined form these hashes have always had, so repeats of stored requests still match
        return RequestHash.of(scenario.name(), amount.currencyCode(), amount.minor(), paymentCode == null ? "" : paymentCode);
    }

    @Override
    public String toString() {
        // never print the customer's payment code
        return "PayRequest[" + paymentRequestId + ", " + scenario + ", " + amount + "]";
    }
}
