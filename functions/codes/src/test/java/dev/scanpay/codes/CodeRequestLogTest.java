package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.JsonLogLines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the codes function prints through the real Lambda handler: each image or page request one JSON summary
 * line naming the route as declared, its HTTP status as result code, the invocation id and latency; the code's
 * token, which is in every path, never.
 */
@Tag("e2e")
class CodeRequestLogTest {

    @Test
    void eachImageOrPageRequestIsOneSummaryLineWithoutTheToken() {
        try (CodesHarness codes = new CodesHarness(Adapter.LAMBDA)) {
            IssuedCode code = codes.orderCode(Duration.ofMinutes(15));

            JsonLogLines logs = JsonLogLines.during(() -> {
                assertThat(codes.get("/qr/" + code.token() + ".png").status()).isEqualTo(200);
                assertThat(codes.get("/qr/" + code.token() + ".gif").status()).isEqualTo(404);
                assertThat(codes.get("/c/" + code.token()).status()).isEqualTo(200);
            });

            List<JsonNode> summaries = logs.summaries();
            assertThat(summaries).extracting(s -> s.path("route").asText())
                    .containsExactly("/qr/{file}", "/qr/{file}", "/c/{token}");
            assertThat(summaries).extracting(s -> s.path("resultCode").asText()).containsExactly("200", "404", "200");
            assertThat(summaries).extracting(s -> s.path("requestId").asText()).doesNotContain("").doesNotHaveDuplicates();
            assertThat(summaries).allSatisfy(summary -> {
                assertThat(summary.path("method").asText()).isEqualTo("GET");
                assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
                assertThat(summary.path("function").asText()).isNotBlank();
            });
            assertThat(logs.gatewayLines()).noneMatch(line -> line.toString().contains(code.token()));
        }
    }
}
