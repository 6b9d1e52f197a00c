package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.signing.RsaKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class WalletSimulatorMainTest {

    @Test
    void startsFromArgumentsAndPrintsWhatToRegister() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String walletPrivateKey = RsaKeys.encode(TestKeys.WALLET.getPrivate());
        try (WalletSimulator simulator = WalletSimulatorMain.start(new String[] {
                "--port", "0",
                "--gateway-public-key", RsaKeys.encode(TestKeys.GATEWAY.getPublic()),
                "--gateway-client-id=SCANPAY",
                "--private-key", walletPrivateKey,
                "--wallet-id", "MYWALLET",
                "--hang-seconds", "1"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains(simulator.endpoint()).contains("MYWALLET").contains(simulator.publicKey())
                    .doesNotContain(walletPrivateKey);
            assertThat(simulator.publicKey()).isEqualTo(RsaKeys.encode(TestKeys.WALLET.getPublic()));

            TestGateway gateway = new TestGateway(simulator, Clock.systemUTC());
            String code = simulator.issuePaymentCode("alice");
            assertThat(gateway.pay("PAY-MAIN", code, 100, "USD").resultCode()).isEqualTo("SUCCESS");
        }
    }

    @Test
    void connectsToTheGatewayAndPrintsTheCashierFacts() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (WalletSimulator simulator = WalletSimulatorMain.start(new String[] {
                "--port", "0",
                "--gateway-public-key", RsaKeys.encode(TestKeys.GATEWAY.getPublic()),
                "--private-key", RsaKeys.encode(TestKeys.WALLET.getPrivate()),
                "--cashier-customer", "zoe",
                "--user-agent-marker", "ZoePay",
                "--gateway-url", "http://127.0.0.1:9/"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(simulator.gatewayUrl()).hasValue("http://127.0.0.1:9");
            assertThat(simulator.config().cashierCustomer()).isEqualTo("zoe");
            assertThat(simulator.userAgentMarker()).isEqualTo("ZoePay");
            assertThat(output).contains("http://127.0.0.1:9").contains(simulator.cashierUrl()).contains("ZoePay");
        }
        assertThatThrownBy(() -> WalletSimulatorMain.start(new String[] {"--port", "0", "--gateway-url", "not a url"},
                System.out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway URL");
    }

    @Test
    void refusesUnknownOptions() {
        assertThatThrownBy(() -> WalletSimulatorMain.start(new String[] {"--colour", "red"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> WalletSimulatorMain.start(new String[] {"--port"}, System.out))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
