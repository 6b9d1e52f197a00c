package dev.scanpay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the README tells a newcomer to do on the local stack, done on a real one in a temp dir. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackTest {

    @TempDir
    static Path dir;
    private LocalStack.Running stack;

    @BeforeAll
    void start() throws Exception {
        stack = LocalStack.start(dir, freePort(), freePort());
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Args args(String... extra) {
        String[] all = new String[extra.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(extra, 0, all, 2, extra.length);
        return new Args(all, 0);
    }

    @Test
    void orderCodeScannedBySimulatorCustomerIsPaid() throws Exception {
        DemoMerchant merchant = DemoMerchant.from(args());
        Map<String, Object> answer = DemoOrderCode.create(merchant, "LOCAL-OC-" + UUID.randomUUID(), "880", "JPY");
        String codeValue = DemoOrderCode.codeValue(answer);
        assertThat(codeValue).startsWith(stack.gatewayUrl() + "/c/");

        assertThat(DemoScan.run(args("--code", codeValue))).as("scan ends in SUCCESS").isZero();
    }

    @Test
    void userPresentedDemoPaymentSucceeds() throws Exception {
        assertThat(DemoPayment.run(args("--amount", "700", "--currency", "JPY"))).isZero();
    }

}
