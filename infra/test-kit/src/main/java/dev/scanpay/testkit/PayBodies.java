package dev.scanpay.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Pay request bodies shaped like the protocol's own example (ams-java-sdk's UPM mock). */
public final class PayBodies {

    /** A notify URL where nothing listens. */
    public static final String NOWHERE = "http://127.0.0.1:9/notify";

    private PayBodies() {
    }

    public static Map<String, Object> userPresented(String paymentRequestId, String currency, long minor, String paymentCode) {
        return userPresented(paymentRequestId, currency, minor, paymentCode, "M-1001");
    }

    public static Map<String, Object> userPresented(String paymentRequestId, String currency, long minor, String paymentCode,
                                                    String referenceMerchantId) {
        Map<String, Object> amount = Map.of("currency", currency, "value", Long.toString(minor));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productCode", "IN_STORE_PAYMENT");
        body.put("paymentRequestId", paymentRequestId);
        body.put("paymentMethod", Map.of("paymentMethodType", "CONNECT_WALLET", "paymentMethodId", paymentCode));
        body.put("paymentFactor", Map.of("inStorePaymentScenario", "PaymentCode"));
        body.put("paymentAmount", amount);
        body.put("order", Map.of(
                "referenceOrderId", "order-" + paymentRequestId,
                "orderDescription", "Two flat whites",
                "orderAmount", amount,
                "merchant", Map.of(
                        "referenceMerchantId", referenceMerchantId,
                        "merchantName", "Harbour Coffee",
                        "merchantMCC", "5814",
                        "store", Map.of("referenceStoreId", "S-01", "storeName", "Harbour Coffee Pier 3", "storeMCC", "5814")),
                "env", Map.of("storeTerminalId", "T1", "storeTerminalRequestTime", "2026-11-23T10:00:00+08:00")));
        // a closed loopback port: notifications are refused at once (tests that read them use a MerchantReceiver)
        body.put("paymentNotifyUrl", NOWHERE);
        return body;
    }

    /** An Order Code pay: the merchant asks for a code to show; no payment code of the customer's. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> orderCode(String paymentRequestId, String currency, long minor) {
        Map<String, Object> body = userPresented(paymentRequestId, currency, minor, "unused");
        body.put("paymentMethod", Map.of("paymentMethodType", "CONNECT_WALLET"));
        body.put("paymentFactor", Map.of("inStorePaymentScenario", "OrderCode"));
        return body;
    }

    /**
     * An Entry Code pay from the merchant's server: the customer typed the amount on the merchant's own page,
     * opened in a wallet whose browser sent {@code userAgent}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> entryCode(String paymentRequestId, String currency, long minor, String userAgent) {
        Map<String, Object> body = orderCode(paymentRequestId, currency, minor);
        body.put("paymentFactor", Map.of("inStorePaymentScenario", "EntryCode"));
        Map<String, Object> order = new LinkedHashMap<>((Map<String, Object>) body.get("order"));
        if (userAgent != null) {
            order.put("env", Map.of("userAgent", userAgent));
        } else {
            order.remove("env");
        }
        body.put("order", order);
        body.put("paymentRedirectUrl", "https://merchant.example/paid/" + paymentRequestId);
        return body;
    }

    /** A registerEntryCode body for a store. */
    public static Map<String, Object> entryCodeRegistration(String merchantId, String storeId, String currency) {
        return Map.of(
                "merchant", Map.of("referenceMerchantId", merchantId, "merchantName", "Harbour Coffee", "merchantMCC", "5814",
                        "store", Map.of("referenceStoreId", storeId, "storeName", "Harbour Coffee Pier 3", "storeMCC", "5814")),
                "currency", currency);
    }
}
