package dev.scanpay.simulator;

import dev.scanpay.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a simulator per test on an ephemeral loopback port, with a clock the test moves and a 1 s hang. */
abstract class SimulatorTestSupport {

    static final Duration HANG = Duration.ofSeconds(1);

    MutableClock clock;
    WalletSimulator simulator;
    TestGateway gateway;

    @BeforeEach
    void startSimulator() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        simulator = WalletSimulator.start(SimulatorConfig.builder()
                .clock(clock)
                .hangDuration(HANG)
                .keyPair(TestKeys.WALLET)
                .build());
        simulator.trustGateway(TestGateway.CLIENT_ID, TestKeys.GATEWAY.getPublic());
        gateway = new TestGateway(simulator, clock);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }
}
