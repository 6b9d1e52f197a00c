package dev.scanpay.core.merchant;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.payment.OrderDetails;
import dev.scanpay.core.payment.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A validated AMS pay request.
 *
 * @param paymentCode the customer's code (user-presented only); held in memory for the wallet call, never stored
 */
public record PayRequest(
        String paymentRequestId,
        Scenario scenario,
        Money amount,
        String paymentCode,
        OrderDetails order,
        String notifyUrl,
        Instant expiryTime,
        String userAgent) {

    /**
     * What must match on a repeat of the same paymentRequestId: amount, currency, scenario and code.
     * Hashed, so the code is compared without being kept.
     */
    public String idempotencyHash() {
        String canonical = scenario.name() + "|" + amount.currencyCode() + "|" + amount.minor() + "|"
                + (paymentCode == null ? "" : paymentCode);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        // never print the customer's payment code
        return "PayRequest[" + paymentRequestId + ", " + scenario + ", " + amount + "]";
    }
}
