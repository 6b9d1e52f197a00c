package dev.scanpay.core.service.merchant;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.NotifyFormat;
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
 * @param notifyFormat the form the result notification to {@code notifyUrl} takes (the legacy gateway's own)
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
        String redirectUrl,
        NotifyFormat notifyFormat) {

    public PayRequest {
        notifyFormat = notifyFormat == null ? NotifyFormat.AMS : notifyFormat;
    }

    /** An AMS pay request: notified, if at all, with AMS's notifyPayment. */
    public PayRequest(String paymentRequestId, Scenario scenario, Money amount, String paymentCode, OrderDetails order,
                      String notifyUrl, Instant expiryTime, String userAgent, String redirectUrl) {
        this(paymentRequestId, scenario, amount, paymentCode, order, notifyUrl, expiryTime, userAgent, redirectUrl,
                NotifyFormat.AMS);
    }

    /**
     * Where the result is notified: the request's own URL; for AMS, the client's default when the request names
     * none. A legacy partner that names no notify_url asked for no notification (§8.3: "if no notify, use query").
     */
    public String notifyUrlFor(String clientDefault) {
        return notifyUrl != null || notifyFormat.isLegacy() ? notifyUrl : clientDefault;
    }

    /** The request field a refused notify URL is named by. */
    public String notifyUrlField() {
        return notifyFormat.isLegacy() ? "notify_url" : "paymentNotifyUrl";
    }

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
