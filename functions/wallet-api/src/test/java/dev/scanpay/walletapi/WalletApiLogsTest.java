package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanpay.core.money.Money;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the wallet API prints through the real Lambda handler: a wallet scanning an order code and reporting the
 * payment is one JSON summary line per request, with the wallet as client, its Lambda invocation id, the
 * gateway's paymentId (Alipay+'s paymentRequestId) and the wallet's own id, the result code and latency; the
 * scanned code's token never appears.
 */
@Tag("e2e")
class WalletApiLogsTest {

    @Test
    void aScanAndItsNotificationAreOneJsonSummaryLineEach() {
        try (GatewayHarness gateway = new GatewayHarness(Adapter.LAMBDA)) {
            SignedMerchant merchant = gateway.merchant("MERCHANT_WALLET_LOGS");
            SignedWallet wallet = gateway.walletCaller();
            Answer order = merchant.call("pay", orderCode("PR-WLOGS-1", "USD", 700));
            String paymentId = order.get("paymentId");
            @SuppressWarnings("unchecked")
            String codeValue = (String) ((List<Map<String, Object>>) order.object("orderCodeForm").get("codeDetails"))
                    .get(0).get("codeValue");
            String token = codeValue.substring(codeValue.lastIndexOf('/') + 1);

            JsonLogLines logs = JsonLogLines.during(() -> {
                assertThat(wallet.userInitiatedPay(codeValue, "bob").resultCode()).isEqualTo("SUCCESS");
                assertThat(wallet.notifySuccess(paymentId, Money.of(700, "USD"), "bob").resultStatus()).isEqualTo("S");
            });

            List<JsonNode> summaries = logs.summaries();
            assertThat(summaries).extracting(s -> s.path("route").asText()).containsExactly(
                    "/aps/api/v1/payments/userInitiatedPay", "/aps/api/v1/payments/notifyPayment");
            assertThat(summaries).extracting(s -> s.path("requestId").asText()).doesNotContain("").doesNotHaveDuplicates();
            assertThat(summaries).allSatisfy(summary -> {
                assertThat(summary.path("function").asText()).isNotBlank();
                assertThat(summary.path("time").asText()).isNotBlank();
                assertThat(summary.path("level").asText()).isEqualTo("INFO");
                assertThat(summary.path("clientId").asText()).isEqualTo(gateway.wallet.walletId());
                assertThat(summary.path("paymentId").asText()).as("the gateway's id").isEqualTo(paymentId);
                assertThat(summary.path("resultCode").asText()).isEqualTo("SUCCESS");
                assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
            });
            assertThat(summaries.get(1).path("walletPaymentId").asText()).isEqualTo("W" + paymentId);

            assertThat(logs.gatewayLines()).as("every gateway line is JSON with a message").isNotEmpty()
                    .allSatisfy(line -> assertThat(line.path("message").asText()).isNotBlank())
                    .noneMatch(line -> line.toString().contains(token));
        }
    }
}
