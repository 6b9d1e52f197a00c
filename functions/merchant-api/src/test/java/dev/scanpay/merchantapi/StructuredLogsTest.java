package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the merchant API prints through the real Lambda handler, as CloudWatch Logs gets it: every
 * line one JSON object; each request exactly one summary line (route, client, its Lambda invocation id, result
 * code, latency, the payment or refund ids it was about); each wallet call and merchant notification one line
 * (target id, outcome category, duration), a wallet call carrying the invocation id of the request that made it;
 * never a payment code or a code token anywhere.
 */
@Tag("e2e")
class StructuredLogsTest {

    @Test
    void requestsWalletCallsAndNotificationsAreJsonLinesWithTheirFields() {
        try (GatewayHarness gateway = new GatewayHarness(Adapter.LAMBDA);
             MerchantReceiver receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic())) {
            SignedMerchant merchant = gateway.merchant("MERCHANT_LOGS", receiver.url());
            List<String> secrets = new ArrayList<>();
            String code = gateway.wallet.issuePaymentCode("alice");
            secrets.add(code);
            Map<String, AtomicReference<Answer>> answers = new HashMap<>();
            for (String name : List.of("pay", "inquiry", "refund", "order")) {
                answers.put(name, new AtomicReference<>());
            }

            JsonLogLines logs = JsonLogLines.during(() -> {
                Map<String, Object> pay = userPresented("PR-LOGS-1", "USD", 1_500, code);
                pay.put("paymentNotifyUrl", receiver.url());
                Answer paid = merchant.call("pay", pay);
                answers.get("pay").set(paid);
                answers.get("inquiry").set(merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-LOGS-1")));
                Map<String, Object> refund = new HashMap<>();
                refund.put("refundRequestId", "RF-LOGS-1");
                refund.put("paymentId", paid.get("paymentId"));
                refund.put("refundAmount", Map.of("currency", "USD", "value", "500"));
                answers.get("refund").set(merchant.call("refund", refund));

                // an order code: its answer carries the code's token, which no line may
                Answer order = merchant.call("pay", orderCode("PR-LOGS-2", "USD", 700));
                answers.get("order").set(order);
                @SuppressWarnings("unchecked")
                String orderValue = (String) ((List<Map<String, Object>>) order.object("orderCodeForm").get("codeDetails"))
                        .get(0).get("codeValue");
                secrets.add(orderValue.substring(orderValue.lastIndexOf('/') + 1));

                // the merchant's notifications, sent by a sweep round
                gateway.sweep();
            });

            List<JsonNode> lines = logs.gatewayLines();
            assertThat(lines).as("the flows were logged").isNotEmpty();
            for (JsonNode line : lines) {
                assertThat(line.path("time").asText()).as("time of %s", line).isNotBlank();
                assertThat(line.path("level").asText()).as("level of %s", line).isNotBlank();
                assertThat(line.path("function").asText()).as("function of %s", line).isEqualTo("local");
                assertThat(line.path("message").asText()).as("message of %s", line).isNotBlank();
            }

            // four requests through the Lambda handler: four invocations, each with exactly one summary line
            List<JsonNode> summaries = logs.summaries();
            assertThat(summaries).hasSize(4);
            Map<String, List<JsonNode>> byInvocation = summaries.stream()
                    .collect(Collectors.groupingBy(line -> line.path("requestId").asText()));
            assertThat(byInvocation).as("one summary per invocation").hasSize(4).doesNotContainKey("");
            for (JsonNode summary : summaries) {
                assertThat(summary.path("level").asText()).isEqualTo("INFO");
                assertThat(summary.path("route").asText()).startsWith("/ams/api/v1/payments/");
                assertThat(summary.path("clientId").asText()).isEqualTo("MERCHANT_LOGS");
                assertThat(summary.path("resultCode").asText()).isNotBlank();
                assertThat(summary.path("resultStatus").asText()).isIn("S", "F", "U");
                assertThat(summary.path("latencyMs").isIntegralNumber()).as("latency of %s", summary).isTrue();
            }

            Answer paid = answers.get("pay").get();
            JsonNode pay = single(summaries, "/ams/api/v1/payments/pay", "PR-LOGS-1");
            assertThat(pay.path("clientId").asText()).isEqualTo("MERCHANT_LOGS");
            assertThat(pay.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(pay.path("paymentId").asText()).isEqualTo(paid.get("paymentId"));

            JsonNode inquiry = single(summaries, "/ams/api/v1/payments/inquiryPayment", "PR-LOGS-1");
            assertThat(inquiry.path("paymentId").asText()).as("named by the answer").isEqualTo(paid.get("paymentId"));

            JsonNode refund = summaries.stream().filter(s -> s.path("route").asText().endsWith("/refund")).findFirst().orElseThrow();
            assertThat(refund.path("refundRequestId").asText()).isEqualTo("RF-LOGS-1");
            assertThat(refund.path("refundId").asText()).isEqualTo(answers.get("refund").get().get("refundId"));
            assertThat(refund.path("paymentId").asText()).isEqualTo(paid.get("paymentId"));

            String orderPaymentId = answers.get("order").get().get("paymentId");
            assertThat(single(summaries, "/ams/api/v1/payments/pay", "PR-LOGS-2").path("paymentId").asText()).isEqualTo(orderPaymentId);

            // the wallet call of the pay: a line of its own, in the same invocation
            JsonNode walletPay = logs.calls().stream().filter(c -> "pay".equals(c.path("call").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no wallet call line in:\n" + logs.text()));
            assertThat(walletPay.path("target").asText()).isEqualTo("wallet");
            assertThat(walletPay.path("targetId").asText()).isEqualTo(gateway.wallet.walletId());
            assertThat(walletPay.path("outcome").asText()).isEqualTo("S");
            assertThat(walletPay.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(walletPay.path("requestId").asText()).isEqualTo(pay.path("requestId").asText());
            assertThat(walletPay.path("route").asText()).isEqualTo("/ams/api/v1/payments/pay");

            // the merchant's notifications: one line per attempt, to the merchant, acknowledged
            List<JsonNode> notifications = logs.calls().stream().filter(c -> "merchant".equals(c.path("target").asText())).toList();
            assertThat(notifications).as("the paid payment's").isNotEmpty();
            assertThat(notifications).allSatisfy(n -> {
                assertThat(n.path("targetId").asText()).isEqualTo("MERCHANT_LOGS");
                assertThat(n.path("call").asText()).isEqualTo("notify");
                assertThat(n.path("outcome").asText()).isEqualTo("ACKNOWLEDGED");
                assertThat(n.path("latencyMs").isIntegralNumber()).isTrue();
            });
            assertThat(notifications).extracting(n -> n.path("paymentId").asText()).contains(paid.get("paymentId"));

            for (String secret : secrets) {
                assertThat(logs.gatewayLines()).as("no line carries %s...", secret.substring(0, 4))
                        .noneMatch(line -> line.toString().contains(secret));
            }
        }
    }

    private static JsonNode single(List<JsonNode> summaries, String route, String paymentRequestId) {
        List<JsonNode> found = summaries.stream().filter(s -> route.equals(s.path("route").asText())
                && paymentRequestId.equals(s.path("paymentRequestId").asText())).toList();
        assertThat(found).as("summaries of %s %s", route, paymentRequestId).hasSize(1);
        return found.get(0);
    }
}
