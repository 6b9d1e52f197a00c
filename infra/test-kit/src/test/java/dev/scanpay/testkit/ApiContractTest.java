package dev.scanpay.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The contract check itself: what it lets through and what it stops, with the validator's message. */
class ApiContractTest {

    private static final ApiContract CONTRACT = ApiContract.get();

    private static final Map<String, String> SIGNED = Map.of(
            "Content-Type", "application/json; charset=UTF-8",
            "Client-Id", "SANDBOX_CLIENT",
            "Request-Time", "1764756000000",
            "Signature", "algorithm=RSA256,keyVersion=1,signature=abc%2Bdef%3D");

    private static final String INQUIRY = "{\"paymentRequestId\":\"p-1\"}";

    @Test
    void aWellFormedRequestPassesUnderBothPrefixes() {
        assertThatCode(() -> CONTRACT.checkRequest("POST", "/ams/api/v1/payments/inquiryPayment", SIGNED, INQUIRY))
                .doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.checkRequest("POST", "/ams/sandbox/api/v1/payments/inquiryPayment", SIGNED, INQUIRY))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestWithoutItsSignatureOrWithABadBodyIsStoppedWithTheReason() {
        Map<String, String> unsigned = new TreeMap<>(SIGNED);
        unsigned.remove("Signature");
        assertThatThrownBy(() -> CONTRACT.checkRequest("POST", "/ams/api/v1/payments/inquiryPayment", unsigned, INQUIRY))
                .isInstanceOf(AssertionError.class).hasMessageContaining("header Signature is required");
        assertThatThrownBy(() -> CONTRACT.checkRequest("POST", "/ams/api/v1/payments/refund", SIGNED,
                "{\"refundRequestId\":\"r-1\",\"paymentId\":\"p\",\"refundAmount\":{\"currency\":\"usd\",\"value\":\"1\"}}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/refundAmount/currency");
    }

    @Test
    void anAnswerThatIsUnsignedOrCarriesAnUndocumentedFieldIsStopped() {
        String answer = "{\"result\":{\"resultCode\":\"ORDER_NOT_EXIST\",\"resultStatus\":\"F\",\"resultMessage\":\"no such payment\"}}";
        assertThatCode(() -> CONTRACT.checkAnswer("POST", "/ams/api/v1/payments/inquiryPayment", signedAnswer(answer)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> CONTRACT.checkAnswer("POST", "/ams/api/v1/payments/inquiryPayment",
                new Transport.Response(200, new TreeMap<>(Map.of("Content-Type", "application/json")), Set.of(),
                        answer.getBytes(StandardCharsets.UTF_8), false)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("header signature is missing");
        assertThatThrownBy(() -> CONTRACT.checkAnswer("POST", "/ams/api/v1/payments/cancel", signedAnswer(
                "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\"},\"paymentId\":\"1\",\"paymentRequestId\":\"p\","
                        + "\"cancelTime\":\"2026-12-03T10:00:00+00:00\",\"surprise\":\"1\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("surprise");
    }

    @Test
    void aPathNoOperationServesIsStopped() {
        assertThatThrownBy(() -> CONTRACT.checkRequest("GET", "/nowhere", Map.of(), null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no operation");
    }

    private static Transport.Response signedAnswer(String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("content-type", "application/json; charset=UTF-8");
        headers.put("client-id", "SANDBOX_CLIENT");
        headers.put("response-time", "2026-12-03T10:00:00+00:00");
        headers.put("signature", "algorithm=RSA256,keyVersion=1,signature=abc%2Bdef%3D");
        return new Transport.Response(200, headers, headers.keySet(), body.getBytes(StandardCharsets.UTF_8), false);
    }
}
