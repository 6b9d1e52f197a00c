package dev.scanpay.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.LegacyPartner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What {@code /gateway.do} prints through the real Lambda handler: each request one JSON summary line with the
 * partner, the service, partner_trans_id (as paymentRequestId), is_success and the result code, its invocation
 * id and latency; the pay's wallet call a line of the same invocation; the buyer's code never.
 */
@Tag("e2e")
class LegacyLogsTest {

    static final String PARTNER = "2088000000000031";
    static final String MD5_KEY = "l0gs8k2w8n4fcb7hd3zq9xq6gq5t1mzz";

    @Test
    void aSpotPayAndARefusalAreOneJsonSummaryLineEach() {
        try (GatewayHarness gateway = new GatewayHarness(Adapter.LAMBDA,
                GatewayHarness.legacyMd5Keys(GatewayHarness.LOCAL_OUTBOUND, Map.of(PARTNER, MD5_KEY)))) {
            LegacyPartner pos = gateway.legacyPartner(PARTNER, MD5_KEY);
            String code = gateway.wallet.issuePaymentCode("amy");
            Map<String, String> pay = new HashMap<>();
            pay.put("service", "alipay.acquire.overseas.spot.pay");
            pay.put("partner_trans_id", "LL-1");
            pay.put("trans_name", "Espresso");
            pay.put("currency", "USD");
            pay.put("trans_amount", "3.50");
            pay.put("buyer_identity_code", code);
            AtomicReference<String> paymentId = new AtomicReference<>();

            JsonLogLines logs = JsonLogLines.during(() -> {
                LegacyPartner.Answer paid = pos.get(LegacySignType.MD5, pay);
                assertThat(paid.isSuccess()).as(paid.text()).isEqualTo("T");
                paymentId.set(paid.get("alipay_trans_id"));
                Map<String, String> forged = new HashMap<>(pos.signed(LegacySignType.MD5, Map.of("service",
                        "alipay.acquire.overseas.query", "partner_trans_id", "LL-1")));
                forged.put("sign", "0".repeat(32));
                assertThat(pos.getRaw(forged).isSuccess()).isEqualTo("F");
            });

            List<JsonNode> summaries = logs.summaries();
            assertThat(summaries).hasSize(2);
            assertThat(summaries).extracting(s -> s.path("requestId").asText()).doesNotContain("").doesNotHaveDuplicates();
            assertThat(summaries).allSatisfy(summary -> {
                assertThat(summary.path("route").asText()).isEqualTo("/gateway.do");
                assertThat(summary.path("clientId").asText()).as("the partner").isEqualTo(PARTNER);
                assertThat(summary.path("paymentRequestId").asText()).as("partner_trans_id").isEqualTo("LL-1");
                assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
                assertThat(summary.path("function").asText()).isNotBlank();
                assertThat(summary.path("time").asText()).isNotBlank();
            });
            JsonNode paid = summaries.get(0);
            assertThat(paid.path("service").asText()).isEqualTo("alipay.acquire.overseas.spot.pay");
            assertThat(paid.path("isSuccess").asText()).isEqualTo("T");
            assertThat(paid.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(paid.path("paymentId").asText()).as("the answer's alipay_trans_id").isEqualTo(paymentId.get());
            JsonNode refused = summaries.get(1);
            assertThat(refused.path("service").asText()).isEqualTo("alipay.acquire.overseas.query");
            assertThat(refused.path("isSuccess").asText()).isEqualTo("F");
            assertThat(refused.path("resultCode").asText()).isEqualTo("ILLEGAL_SIGN");

            assertThat(logs.calls()).filteredOn(c -> "pay".equals(c.path("call").asText())).singleElement().satisfies(call -> {
                assertThat(call.path("targetId").asText()).isEqualTo(gateway.wallet.walletId());
                assertThat(call.path("outcome").asText()).isEqualTo("S");
                assertThat(call.path("requestId").asText()).isEqualTo(paid.path("requestId").asText());
                assertThat(call.path("clientId").asText()).isEqualTo(PARTNER);
            });
            assertThat(logs.gatewayLines()).noneMatch(line -> line.toString().contains(code));
            assertThat(paymentId.get()).isNotBlank();
        }
    }
}
