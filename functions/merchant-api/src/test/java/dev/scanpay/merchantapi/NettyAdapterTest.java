package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract again through the other adapter: the controllers on Netty over real HTTP, as the local
 * stack serves them. Where the two adapters differ (body binding, framework 404/405/413 handling,
 * header casing) this is where it shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class NettyAdapterTest {

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeAll
    void start() {
        gateway = new GatewayHarness();
        merchant = gateway.merchant("MERCHANT_NETTY").overHttp(gateway.startNetty());
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void paysInquiresAndCancels() {
        Answer paid = merchant.call("pay", userPresented("PR-N1", "USD", 321, gateway.wallet.issuePaymentCode("nell")));
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        assertThat(merchant.call("inquiryPayment", Map.of("paymentId", paid.get("paymentId"))).get("paymentStatus")).isEqualTo("SUCCESS");
        assertThat(merchant.call("cancel", Map.of("paymentId", paid.get("paymentId"))).resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void refusalsAreSignedProtocolAnswers() {
        String body = "{\"productCode\":";
        String path = SignedMerchant.API + "pay";
        assertThat(merchant.sendMalformed(path, body, merchant.headers(path, RequestTime.format(gateway.now()), body)).resultCode())
                .isEqualTo("PARAM_ILLEGAL");
        Map<String, String> headers = new HashMap<>(merchant.headers(path, RequestTime.format(gateway.now()), "{}"));
        headers.put("Content-Type", "text/plain");
        assertThat(merchant.sendMalformed(path, "{}", headers).resultCode()).isEqualTo("MEDIA_TYPE_NOT_ACCEPTABLE");
        assertThat(merchant.send("GET", path, null, Map.of()).resultCode()).isEqualTo("METHOD_NOT_SUPPORTED");
        assertThat(merchant.sendMalformed("DELETE", path, null, Map.of()).resultCode()).isEqualTo("METHOD_NOT_SUPPORTED");
        assertThat(merchant.sendMalformed("/nothing/here", "{}", Map.of("Content-Type", "application/json")).resultCode())
                .isEqualTo("NO_INTERFACE_DEF");
        String big = "{\"x\":\"" + "y".repeat(200_000) + "\"}";
        assertThat(merchant.sendMalformed(path, big, merchant.headers(path, RequestTime.format(gateway.now()), big)).resultCode())
                .isEqualTo("PARAM_ILLEGAL");
    }

    @Test
    void headersAreLowerCaseOnTheWire() {
        Answer answer = merchant.call("inquiryPayment", Map.of("paymentRequestId", "none"));
        assertThat(answer.resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(answer.rawHeaderNames()).contains("client-id", "response-time", "signature");
    }
}
