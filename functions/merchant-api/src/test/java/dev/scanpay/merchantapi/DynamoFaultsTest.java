package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.DynamoFaultProxy;
import dev.scanpay.testkit.DynamoFaultProxy.Mode;
import dev.scanpay.testkit.FaultFlows;
import dev.scanpay.testkit.FaultFlows.Call;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * The fault suite: user-presented pays, cancels and refunds driven while a {@link DynamoFaultProxy} between the
 * gateway's own DynamoDB client (as deployed: real timeouts and retries) and DynamoDB Local injects each fault
 * in turn, then a short outage. Every answer is signed and within its deadline; once the faults clear and the
 * sweeper settles, the gateway agrees exactly with the wallet simulator's ledger and every notification owed
 * reached the merchant. The seed is fixed, so a failure repeats (as far as threads allow).
 */
@OnBothAdapters
class DynamoFaultsTest {

    private static final long SEED = 15;
    private static final int FLOWS_PER_MODE = 4;
    private static final int THREADS = 4;
    /** Signing and transport beyond a deadline; generous for a 2-core machine running other tests. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private FaultFlows flows;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.behindFaultProxy(adapter, SEED);
        flows = new FaultFlows(gateway, "MERCHANT_FAULTS", MARGIN);
    }

    @AfterEach
    void stop() {
        flows.close();
        gateway.close();
    }

    @Test
    void everyAnswerIsSignedInTimeAndTheLedgersAgreeOnceDynamoRecovers() throws Exception {
        DynamoFaultProxy faults = gateway.faultProxy().delay(Duration.ofMillis(250));
        List<Call> calls = new ArrayList<>();
        for (Mode mode : List.of(Mode.DELAY, Mode.RESET, Mode.ANSWER_LOST, Mode.NEVER_ANSWER, Mode.HTTP_500, Mode.THROTTLED)) {
            faults.clear();
            faults.inject(mode, 0.25);
            calls.addAll(flows.run(mode.name(), FLOWS_PER_MODE, THREADS));
        }
        // a short outage: every request reset for a second and a half, while flows run through it
        Thread outageEnds = faults.outage(Duration.ofMillis(1500));
        calls.addAll(flows.run("OUTAGE", FLOWS_PER_MODE, THREADS));
        outageEnds.join();
        faults.clear();
        calls.addAll(flows.repeatUnknown());

        assertThat(faults.counts()).as("every fault was injected").allSatisfy((mode, n) -> assertThat(n).isPositive());
        assertThat(calls).as("every answer signed, S, F or U").allSatisfy(call ->
                assertThat(call.status()).as(call.toString()).isIn("S", "F", "U"));
        assertThat(calls).as("every answer within its deadline").noneMatch(Call::overBudget);
        assertThat(calls).as("a pay left unknown by the outage completes when repeated after it")
                .anyMatch(c -> c.operation().equals("pay-repeat") && c.status().equals("S"));
        assertThat(calls).as("some payments made it through the faults").anyMatch(c -> c.operation().equals("pay") && c.status().equals("S"));

        flows.settle(60, Duration.ofMinutes(1));

        assertThat(flows.mismatches()).as("the gateway and the wallet agree exactly").isEmpty();
    }
}
