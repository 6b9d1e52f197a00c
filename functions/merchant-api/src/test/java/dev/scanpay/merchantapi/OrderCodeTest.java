package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** The merchant asks for an order code to show; it waits for a wallet, closes at expiry or on cancel. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderCodeTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test has its own request ids, and counts the wallet
    // calls it makes (the other tests' codes were never scanned, so no sweep of theirs calls a wallet)
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_CODES");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> codeDetails(Answer answer) {
        return (List<Map<String, Object>>) answer.object("orderCodeForm").get("codeDetails");
    }

    @Test
    void createsACodeThatWaitsForAWallet() {
        Answer answer = merchant.call("pay", orderCode("OC-1", "USD", 1800));

        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        assertThat(answer.get("paymentId")).isNotBlank();
        Map<String, Object> form = answer.object("orderCodeForm");
        assertThat(OffsetDateTime.parse((String) form.get("expireTime")).toInstant())
                .isEqualTo(gateway.now().plus(Duration.ofMinutes(5)));
        List<Map<String, Object>> details = codeDetails(answer);
        assertThat(details).extracting(d -> d.get("displayType")).containsExactly("TEXT", "SMALLIMAGE", "MIDDLEIMAGE", "BIGIMAGE");
        assertThat(details).allSatisfy(d -> assertThat(d.get("codeValueType")).isEqualTo("QRCODE"));
        String codeValue = (String) details.get(0).get("codeValue");
        assertThat(codeValue).matches(java.util.regex.Pattern.quote(gateway.publicUrl()) + "/c/[A-Za-z0-9_-]{27}");
        String token = codeValue.substring(codeValue.lastIndexOf('/') + 1);
        assertThat((String) details.get(1).get("codeValue")).endsWith("/qr/" + token + ".png?size=small");

        IssuedCode code = gateway.context.getBean(CodeStore.class).find(token).orElseThrow();
        assertThat(code.kind()).isEqualTo(CodeKind.ORDER);
        assertThat(code.paymentId()).isEqualTo(answer.get("paymentId"));
        assertThat(code.codeValue()).isEqualTo(codeValue);
        assertThat(gateway.payment(answer.get("paymentId")).status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "OC-1")).get("paymentStatus")).isEqualTo("PROCESSING");
    }

    @Test
    void aRepeatReturnsTheSameCode() {
        Answer first = merchant.call("pay", orderCode("OC-2", "JPY", 500));
        Answer second = merchant.call("pay", orderCode("OC-2", "JPY", 500));

        assertThat(second.get("paymentId")).isEqualTo(first.get("paymentId"));
        assertThat(codeDetails(second)).isEqualTo(codeDetails(first));
        assertThat(merchant.call("pay", orderCode("OC-2", "JPY", 501)).resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
    }

    @Test
    void closesAtExpiry() {
        Answer answer = merchant.call("pay", orderCode("OC-3", "USD", 900));
        int cancelCallsBefore = gateway.wallet.callCount("cancelPayment");
        gateway.clock.advance(Duration.ofMinutes(5));

        gateway.sweep();

        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentId", answer.get("paymentId")));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("FAIL");
        assertThat(inquiry.get("paymentResultCode")).isEqualTo("ORDER_IS_CLOSED");
        assertThat(gateway.payment(answer.get("paymentId")).nextCheckAt()).isNull();
        assertThat(merchant.call("pay", orderCode("OC-3", "USD", 900)).resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelCallsBefore).as("no wallet had started").isZero();
    }

    @Test
    void cancelBeforeAnyScanClosesIt() {
        Answer answer = merchant.call("pay", orderCode("OC-4", "USD", 900));

        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "OC-4")).resultCode()).isEqualTo("SUCCESS");

        assertThat(merchant.call("inquiryPayment", Map.of("paymentId", answer.get("paymentId"))).get("paymentStatus")).isEqualTo("CANCELLED");
        assertThat(gateway.payment(answer.get("paymentId")).nextCheckAt()).as("nothing to tell a wallet").isNull();
    }

    @Test
    void paymentExpiryTimeIsHonouredUpToThirtyMinutes() {
        Instant in12 = gateway.now().plus(Duration.ofMinutes(12));
        Map<String, Object> body = orderCode("OC-5", "USD", 100);
        body.put("paymentExpiryTime", in12.atOffset(java.time.ZoneOffset.ofHours(8)).toString());
        Answer twelve = merchant.call("pay", body);
        assertThat(OffsetDateTime.parse((String) twelve.object("orderCodeForm").get("expireTime")).toInstant()).isEqualTo(in12);

        Map<String, Object> far = orderCode("OC-6", "USD", 100);
        far.put("paymentExpiryTime", gateway.now().plus(Duration.ofHours(2)).atOffset(java.time.ZoneOffset.UTC).toString());
        Answer clamped = merchant.call("pay", far);
        assertThat(OffsetDateTime.parse((String) clamped.object("orderCodeForm").get("expireTime")).toInstant())
                .isEqualTo(gateway.now().plus(Duration.ofMinutes(30)));
    }
}
