package dev.scanpay.walletapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.FunctionBeans;
import dev.scanpay.testkit.LogCapture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wallet API primes its request path at init from its own classpath, and a step that fails (here the
 * table read: this context's table does not exist) is logged and does not stop the function from starting.
 */
@Tag("integration")
class WalletApiPrimingTest {

    @Test
    void primesAtInitAndStartsEvenWhenAStepFails() {
        try (LogCapture logs = new LogCapture();
             ApplicationContext context = FunctionBeans.start("wallet-api");
             APIGatewayV2HTTPEventFunction handler = new APIGatewayV2HTTPEventFunction(context)) {
            assertThat(logs.containing("Primed the request path at init")).singleElement().satisfies(line -> assertThat(line)
                    .containsPattern("signing=\\d+ ms").containsPattern("json=\\d+ ms").contains("table=failed")
                    // its init builds no outbound client, and priming builds nothing a function has not built
                    .contains("outbound=skipped"));
            assertThat(context.isRunning()).isTrue();
        }
    }
}
