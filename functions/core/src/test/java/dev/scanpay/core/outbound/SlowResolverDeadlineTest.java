package dev.scanpay.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A merchant controls its notify URL's DNS: its name server can take as long as the resolver lets it before
 * answering. OkHttp's call timeout cancels the call at the deadline, but cancelling cannot interrupt a thread
 * blocked in the system resolver, so the deadline on the whole exchange must hold for the lookup too.
 */
@Tag("integration")
class SlowResolverDeadlineTest {

    @Test
    void theDeadlineCoversASlowLookup() {
        OutboundHttp http = new OutboundHttp(new DestinationRules(true, false), 64 * 1024, Duration.ofSeconds(2), host -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(InetAddress.getByName("127.0.0.1"));
        });

        long started = System.nanoTime();
        OutboundHttp.Exchange result = http.post("http://slow-dns.merchant.example:9/notify", path -> Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("bounded by the 500 ms deadline, not by the resolver").isLessThan(Duration.ofMillis(1_500));
        assertThat(result).isEqualTo(new OutboundHttp.Failed(OutboundFailure.TIMEOUT));
    }
}
