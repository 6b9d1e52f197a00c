package dev.scanpay.bench;

import dev.scanpay.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** User-presented pay bodies shaped like the protocol's own example (the tests' PayBodies). */
final class PayRequests {

    static final String PATH = "/ams/api/v1/payments/pay";
    static final String CURRENCY = "USD";
    /** 12.50: its last four digits trigger no simulator behaviour, so the wallet simply charges. */
    static final long AMOUNT_MINOR = 1250;
    private static final Json JSON = Json.standalone();

    private PayRequests() {
    }

    static byte[] body(String paymentRequestId, String paymentCode) {
        Map<String, Object> amount = Map.of("currency", CURRENCY, "value", Long.toString(AMOUNT_MINOR));
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
                        "referenceMerchantId", "M-1001",
                        "merchantName", "Harbour Coffee",
                        "merchantMCC", "5814",
                        "store", Map.of("referenceStoreId", "S-01", "storeName", "Harbour Coffee Pier 3", "storeMCC", "5814")),
                "env", Map.of("storeTerminalId", "T1", "storeTerminalRequestTime", "2026-11-23T10:00:00+08:00")));
        // a closed loopback port: the benchmark measures payments, not merchant notifications
        body.put("paymentNotifyUrl", "http://127.0.0.1:9/notify");
        return JSON.write(body);
    }

    static Map<String, Object> parse(byte[] body) {
        return JSON.parseObject(body);
    }

    /** {@code result.resultCode} of an AMS answer, or a marker when the body has none. */
    @SuppressWarnings("unchecked")
    static String resultCode(byte[] body) {
        Object result = parse(body).get("result");
        if (result instanceof Map<?, ?> map && map.get("resultCode") instanceof String code) {
            return code;
        }
        return "NO_RESULT_CODE";
    }
}
