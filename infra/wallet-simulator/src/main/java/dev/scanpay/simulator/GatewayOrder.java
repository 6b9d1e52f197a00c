package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.util.Map;

/**
 * What the gateway's successful userInitiatedPay answer says the customer is about to pay. Only the
 * paymentRequestId and the amount are required; the rest is shown to the customer when present.
 *
 * @param expiryTime  paymentExpiryTime as the gateway wrote it
 * @param notifyUrl   paymentNotifyUrl as the gateway wrote it, or null
 * @param redirectUrl paymentRedirectUrl as the gateway wrote it, or null
 * @param scenario    paymentFactor.inStorePaymentScenario (OrderCode or EntryCode), or null
 */
record GatewayOrder(String paymentRequestId, Money amount, String merchantName, String merchantDisplayName,
                    String storeName, String orderDescription, String expiryTime, String notifyUrl,
                    String redirectUrl, String scenario) {

    /** @throws IllegalArgumentException when paymentRequestId or paymentAmount is missing or malformed */
    static GatewayOrder from(Map<String, Object> body) {
        Map<?, ?> order = object(body.get("order"));
        Map<?, ?> merchant = object(order.get("merchant"));
        Map<?, ?> store = object(merchant.get("store"));
        return new GatewayOrder(
                WalletRequests.id(body, "paymentRequestId"),
                WalletRequests.amount(body, "paymentAmount"),
                text(merchant.get("merchantName")),
                text(merchant.get("merchantDisplayName")),
                text(store.get("storeName")),
                text(order.get("orderDescription")),
                text(body.get("paymentExpiryTime")),
                text(body.get("paymentNotifyUrl")),
                text(body.get("paymentRedirectUrl")),
                text(object(body.get("paymentFactor")).get("inStorePaymentScenario")));
    }

    /** The name a customer knows the merchant by. */
    String shownMerchantName() {
        return merchantDisplayName != null ? merchantDisplayName : merchantName;
    }

    private static Map<?, ?> object(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
