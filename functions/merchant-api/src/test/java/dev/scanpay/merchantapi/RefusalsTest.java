package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets a signed protocol answer with the right result code: never a 500, never a stack trace,
 * and nothing is written for a refused request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnBothAdapters
class RefusalsTest {

    @Parameter
    Adapter adapter;

    private static final Json JSON = Json.standalone();
    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_STRICT");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    private String validBody(String requestId) {
        return new String(JSON.write(userPresented(requestId, "USD", 100, gateway.wallet.issuePaymentCode("zed"))), StandardCharsets.UTF_8);
    }

    private void assertNothingWritten(String requestId) {
        assertThat(gateway.payments().findRequest(merchant.clientId, requestId)).isEmpty();
    }

    @Test
    void badSignatureIsSignatureInvalid() {
        String body = validBody("PR-BADSIG");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        String tampered = body.replace("\"100\"", "\"1\"");

        Answer answer = merchant.send(SignedMerchant.API + "pay", tampered, headers);

        assertThat(answer.resultCode()).isEqualTo("SIGNATURE_INVALID");
        assertThat(answer.resultStatus()).isEqualTo("F");
        assertNothingWritten("PR-BADSIG");
    }

    @Test
    void missingSignatureIsSignatureInvalid() {
        String body = validBody("PR-NOSIG");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        headers.remove("Signature");

        assertThat(merchant.sendMalformed(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void unknownClientIsInvalidClient() {
        String body = validBody("PR-WHO");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        headers.put("Client-Id", "NOBODY");

        assertThat(merchant.send(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("INVALID_CLIENT");
    }

    @Test
    void signatureByNoneOfTheClientsKeysIsKeyNotFoundWhenTheVersionIsUnknown() {
        String body = validBody("PR-KEY");
        String time = RequestTime.format(gateway.now());
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", time, body);
        var stranger = new dev.scanpay.core.signing.MessageSigner(merchant.clientId, "7", RsaKeys.generate().getPrivate());
        headers.put("Signature", stranger.sign("POST", SignedMerchant.API + "pay", time, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(merchant.send(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("KEY_NOT_FOUND");
        assertNothingWritten("PR-KEY");
    }

    @Test
    void amsJavaSdkSendsKeyVersion2WhateverIsRegisteredAndIsStillServed() {
        String body = validBody("PR-AMSSDK");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        headers.put("Signature", headers.get("Signature").replace("keyVersion=1", "keyVersion=2"));

        assertThat(merchant.send(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void malformedClientIdIsInvalidClientAndIsNotEchoedIntoTheSignature() {
        String body = validBody("PR-HASH");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        headers.put("Client-Id", "MERCHANT#STRICT");

        Answer answer = merchant.send(SignedMerchant.API + "pay", body, headers);

        assertThat(answer.resultCode()).isEqualTo("INVALID_CLIENT");
        assertThat(answer.headers().get("client-id")).isEqualTo(GatewayHarness.GATEWAY_CLIENT_ID);
    }

    @Test
    void responseHeadersAreLowerCaseAsAntomSendsThem() {
        Answer answer = merchant.call("inquiryPayment", Map.of("paymentRequestId", "nothing"));
        assertThat(answer.rawHeaderNames()).contains("client-id", "response-time", "signature");
    }

    @Test
    void staleOrFutureRequestTimeIsRefused() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-6), Duration.ofMinutes(6)}) {
            String body = validBody("PR-STALE");
            String time = RequestTime.format(gateway.now().plus(skew));
            Answer answer = merchant.send(SignedMerchant.API + "pay", body, merchant.headers(SignedMerchant.API + "pay", time, body));
            assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(answer.resultMessage()).contains("Request-Time");
        }
        assertNothingWritten("PR-STALE");
    }

    @Test
    void isoRequestTimeAsAmsJavaSdkSendsItIsAccepted() {
        String body = validBody("PR-ISO");
        String time = OffsetDateTime.ofInstant(gateway.now(), ZoneOffset.ofHours(8)).toString();
        Answer answer = merchant.send(SignedMerchant.API + "pay", body, merchant.headers(SignedMerchant.API + "pay", time, body));
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void malformedJsonIsParamIllegal() {
        String body = "{\"productCode\": \"IN_STORE_PAYMENT\",";
        Answer answer = merchant.sendMalformed(SignedMerchant.API + "pay", body,
                merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body));
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void wrongContentTypeIsMediaTypeNotAcceptable() {
        String body = validBody("PR-CT");
        Map<String, String> headers = merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body);
        headers.put("Content-Type", "text/plain");
        assertThat(merchant.sendMalformed(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("MEDIA_TYPE_NOT_ACCEPTABLE");
        assertNothingWritten("PR-CT");
    }

    @Test
    void oversizedBodyIsRefused() {
        Map<String, Object> huge = new LinkedHashMap<>(userPresented("PR-BIG", "USD", 100, "2899000000000000000"));
        huge.put("extendInfo", "x".repeat(70_000));
        String body = new String(JSON.write(huge), StandardCharsets.UTF_8);
        Answer answer = merchant.send(SignedMerchant.API + "pay", body,
                merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body));
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(answer.resultMessage()).contains("body");
        assertNothingWritten("PR-BIG");
    }

    @Test
    void unknownOperationIsNoInterfaceDef() {
        String body = "{}";
        String path = SignedMerchant.API + "teleport";
        Answer answer = merchant.send(path, body, merchant.headers(path, RequestTime.format(gateway.now()), body));
        assertThat(answer.resultCode()).isEqualTo("NO_INTERFACE_DEF");
    }

    @Test
    void getIsMethodNotSupported() {
        Answer answer = merchant.send("GET", SignedMerchant.API + "pay", null, new HashMap<>(Map.of("Client-Id", merchant.clientId)));
        assertThat(answer.resultCode()).isEqualTo("METHOD_NOT_SUPPORTED");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "productCode,                          productCode is required",
            "paymentRequestId,                     paymentRequestId is required",
            "paymentAmount,                        paymentAmount is required",
            "paymentAmount.value,                  paymentAmount.value is required",
            "paymentAmount.currency,               paymentAmount.currency is required",
            "paymentMethod.paymentMethodId,        paymentMethod.paymentMethodId is required",
            "paymentFactor.inStorePaymentScenario, paymentFactor.inStorePaymentScenario is required",
            "order.orderDescription,               order.orderDescription is required",
            "order.merchant.referenceMerchantId,   order.merchant.referenceMerchantId is required",
            "order.merchant.store.storeMCC,        order.merchant.store.storeMCC is required",
    })
    void missingFieldIsParamIllegalNamingIt(String field, String message) {
        Map<String, Object> body = deepCopy(userPresented("PR-MISSING", "USD", 100, "2899000000000000000"));
        remove(body, field.split("\\."));
        Answer answer = merchant.callMalformed("pay", body);
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultMessage()).isEqualTo(message);
        assertNothingWritten("PR-MISSING");
    }

    @ParameterizedTest(name = "amount {0} {1} -> {2}")
    @CsvSource({
            "USD, 12.50, paymentAmount.value",
            "USD, -5,    paymentAmount.value",
            "USD, 0,     paymentAmount.value",
            "usd, 100,   paymentAmount.currency",
            "XYZ, 100,   paymentAmount.currency",
    })
    void malformedAmountIsParamIllegal(String currency, String value, String field) {
        Map<String, Object> body = deepCopy(userPresented("PR-AMT", "USD", 100, "2899000000000000000"));
        body.put("paymentAmount", Map.of("currency", currency, "value", value));
        Answer answer = merchant.callMalformed("pay", body);
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(answer.resultMessage()).startsWith(field);
    }

    @Test
    void anotherClientsPaymentDoesNotExist() {
        Answer paid = merchant.call("pay", userPresented("PR-MINE", "USD", 100, gateway.wallet.issuePaymentCode("zoe")));
        SignedMerchant intruder = gateway.merchant("MERCHANT_INTRUDER");

        assertThat(intruder.call("inquiryPayment", Map.of("paymentId", paid.get("paymentId"))).resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(intruder.call("inquiryPayment", Map.of("paymentRequestId", "PR-MINE")).resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(intruder.call("cancel", Map.of("paymentId", paid.get("paymentId"))).resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(gateway.payment(paid.get("paymentId")).status().name()).isEqualTo("SUCCESS");
    }

    @Test
    void isvActsOnlyForItsMerchants() {
        SignedMerchant isv = gateway.merchant("ISV_TILLCO", ClientKind.ISV, Set.of("M-A", "M-B"));
        Answer forA = isv.call("pay", userPresented("PR-ISV-A", "USD", 100, gateway.wallet.issuePaymentCode("amy"), "M-A"));
        Answer forC = isv.call("pay", userPresented("PR-ISV-C", "USD", 100, gateway.wallet.issuePaymentCode("amy"), "M-C"));

        assertThat(forA.resultCode()).isEqualTo("SUCCESS");
        assertThat(forC.resultCode()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void sandboxPathOfAlipaysSdkIsServed() {
        String body = validBody("PR-SANDBOX");
        String path = "/ams/sandbox/api/v1/payments/pay";
        Answer answer = merchant.send(path, body, merchant.headers(path, RequestTime.format(gateway.now()), body));
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void unknownPaymentIsOrderNotExist() {
        assertThat(merchant.call("inquiryPayment", Map.of("paymentId", "2026000000000000000000")).resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(merchant.callMalformed("inquiryPayment", Map.of()).resultCode()).isEqualTo("PARAM_ILLEGAL");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> map, String[] path) {
        for (int i = 0; i < path.length - 1; i++) {
            map = (Map<String, Object>) map.get(path[i]);
        }
        map.remove(path[path.length - 1]);
    }
}
