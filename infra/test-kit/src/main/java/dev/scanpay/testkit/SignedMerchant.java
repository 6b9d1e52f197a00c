package dev.scanpay.testkit;

import java.security.KeyPair;
import java.util.Map;

/** A merchant POS calling the merchant (AMS) API. */
public final class SignedMerchant extends SignedCaller {

    public static final String API = "/ams/api/v1/payments/";

    SignedMerchant(GatewayHarness harness, String clientId, String keyVersion, KeyPair keys) {
        super(harness, clientId, signer(clientId, keyVersion, keys), null);
    }

    private SignedMerchant(SignedMerchant merchant, java.net.URI netty) {
        super(merchant.harness, merchant.clientId, merchant.signer, netty);
    }

    /** The same merchant calling the same controllers over real HTTP on Netty, as the local stack serves them. */
    public SignedMerchant overHttp(java.net.URI baseUrl) {
        return new SignedMerchant(this, baseUrl);
    }

    /** A payments operation: pay, inquiryPayment, cancel... */
    public Answer call(String operation, Map<String, Object> body) {
        return post(API + operation, body);
    }

    /** A payments operation with a body the API contract does not allow, the test's point ({@link #postMalformed}). */
    public Answer callMalformed(String operation, Map<String, Object> body) {
        return postMalformed(API + operation, body);
    }

    public Answer call(String operation, String body) {
        return post(API + operation, body);
    }
}
