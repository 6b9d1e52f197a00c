package dev.scanpay.simulator;

import dev.scanpay.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator connected to a {@link FakeGateway}, with a clock the test moves. The background notification
 * poll is off, so every notification goes out when the test says ({@code scan} for those due at once,
 * {@code deliverDueNotifications()} for later ones) and the counts are exact.
 */
abstract class ScanTestSupport {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    MutableClock clock;
    WalletSimulator simulator;
    FakeGateway gatewaySide;
    /** Calls the wallet API as the gateway does (inquiryPayment, cancelPayment, pay). */
    TestGateway gateway;

    @BeforeEach
    void startSimulatorAndGateway() {
        clock = new MutableClock(START);
        simulator = WalletSimulator.start(SimulatorConfig.builder()
                .clock(clock)
                .hangDuration(Duration.ofSeconds(1))
                .keyPair(TestKeys.WALLET)
                .notifyPollInterval(Duration.ZERO)
                .build());
        simulator.trustGateway(TestGateway.CLIENT_ID, TestKeys.GATEWAY.getPublic());
        gatewaySide = new FakeGateway(simulator, clock);
        simulator.connectGateway(gatewaySide.baseUrl());
        gateway = new TestGateway(simulator, clock);
    }

    @AfterEach
    void stopSimulatorAndGateway() {
        simulator.close();
        gatewaySide.close();
    }
}
