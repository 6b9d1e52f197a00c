package dev.scanpay.testkit;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.wire.AmsWire;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wallet calling the wallet (Alipay+) API with the simulator's own identity and key, so the test
 * controls exactly what the wallet says and when (duplicates, out of order, late) while the gateway's
 * calls back (inquiry, cancel) still reach the simulator.
 */
public final class SignedWallet extends SignedCaller {

    public static final String API = "/aps/api/v1/payments/";

    SignedWallet(GatewayHarness harness, String walletId, String keyVersion, KeyPair keys) {
        super(harness, walletId, signer(walletId, keyVersion, keys), null);
    }

    public Answer userInitiatedPay(String codeValue, String customerId) {
        return post(API + "userInitiatedPay", Map.of("codeValue", codeValue, "customerId", customerId));
    }

    /** notifyPayment S for the gateway's payment {@code paymentId}. */
    public Answer notifySuccess(String paymentId, Money amount, String customerId) {
        return post(API + "notifyPayment", notification(paymentId, amount, customerId,
                Map.of("resultStatus", "S", "resultCode", "SUCCESS", "resultMessage", "success")));
    }

    public Answer notifyFailure(String paymentId, Money amount, String customerId, String reason) {
        return post(API + "notifyPayment", notification(paymentId, amount, customerId,
                Map.of("resultStatus", "F", "resultCode", reason, "resultMessage", reason)));
    }

    public Map<String, Object> notification(String paymentId, Money amount, String customerId, Map<String, Object> result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentResult", result);
        body.put("paymentRequestId", paymentId);
        body.put("paymentId", "W" + paymentId);
        if ("S".equals(result.get("resultStatus"))) {
            body.put("paymentTime", AmsWire.time(harness.now()));
        }
        body.put("paymentAmount", AmsWire.amount(amount));
        body.put("payToAmount", AmsWire.amount(amount));
        body.put("customerId", customerId);
        return body;
    }

    public Instant now() {
        return harness.now();
    }
}
