package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.priming.RequestPathPrimer;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.CountingDynamo;
import dev.scanpay.testkit.DynamoCalls;
import dev.scanpay.testkit.FunctionPolicy;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LogCapture;
import dev.scanpay.testkit.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming runs the merchant API's request path at init without side effects: every step runs, the table is
 * not written, nothing reaches the wallet, and its one DynamoDB read is one the function's role may make.
 */
@Tag("integration")
class PrimingTest {

    private static final List<String> OPERATIONS = List.of("pay", "inquiryPayment", "cancelPayment", "refund");

    @Test
    void primesAtInitAndAgainWithoutWritingOrCallingOut() {
        Map<String, Object> settings = new HashMap<>(GatewayHarness.DEPLOYED_OUTBOUND);
        settings.put("scanpay.priming.enabled", true);
        AtomicReference<CountingDynamo> counting = new AtomicReference<>();
        try (LogCapture logs = new LogCapture();
             GatewayHarness gateway = new GatewayHarness(Adapter.LAMBDA, settings, d -> {
                 counting.set(new CountingDynamo(d));
                 return counting.get().client;
             })) {
            assertThat(logs.containing("Primed the request path at init")).hasSize(1);
            assertThat(counting.get().calls()).as("at init: one read, no write").isEqualTo(Map.of("getItem", 1));
            long itemsAfterInit = items(gateway);

            Map<String, String> steps = gateway.context.getBean(RequestPathPrimer.class).prime("test");

            assertThat(steps).containsOnlyKeys("signing", "json", "table", "unsent-writes", "outbound", "metrics");
            assertThat(steps.values()).allMatch(v -> v.endsWith(" ms"), "every step ran: " + steps);
            assertThat(counting.get().calls()).isEqualTo(Map.of("getItem", 2));
            assertThat(items(gateway)).as("nothing written").isEqualTo(itemsAfterInit);
            assertThat(OPERATIONS.stream().mapToInt(gateway.wallet::callCount).sum()).as("no wallet called").isZero();
            assertThat(gateway.metrics.lines()).as("no metric counted").isEmpty();
            assertThat(logs.containing("Outbound call")).as("the outbound client went nowhere it logs").isEmpty();
        }
    }

    @Test
    void primingOffLeavesTheTableAlone() {
        AtomicReference<CountingDynamo> counting = new AtomicReference<>();
        try (LogCapture logs = new LogCapture();
             GatewayHarness gateway = new GatewayHarness(Adapter.LAMBDA, GatewayHarness.DEPLOYED_OUTBOUND, d -> {
                 counting.set(new CountingDynamo(d));
                 return counting.get().client;
             })) {
            assertThat(logs.containing("Primed the request path")).isEmpty();
            assertThat(counting.get().calls()).isEmpty();
        }
    }

    /** Each function's role allows priming's one read wherever its settings leave the read on. */
    @Test
    void primingReadsOnlyWhereTheRoleMayRead() throws IOException {
        DynamoCalls.Call read = new DynamoCalls.Call("dynamodb:GetItem", "table", "PAY#priming-no-such-payment");
        for (String function : FunctionPolicy.LOGICAL_IDS.keySet()) {
            Properties properties = new Properties();
            Path file = SamTemplate.ROOT.resolve("functions").resolve(function).resolve("src/main/resources/application.properties");
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            boolean reads = Boolean.parseBoolean(properties.getProperty("scanpay.priming.table-read", "true"));
            assertThat(reads).as(function + ": priming's read on exactly where its role allows it")
                    .isEqualTo(FunctionPolicy.of(function).allows(read));
        }
    }

    private static long items(GatewayHarness gateway) {
        return gateway.dynamoClient.scanPaginator(b -> b.tableName(gateway.table).consistentRead(true)).items().stream().count();
    }
}
