package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.simulator.TestGateway.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class FaultTest extends SimulatorTestSupport {

    @Test
    void http500FaultProcessesNothingUntilReset() throws Exception {
        String code = simulator.issuePaymentCode("alice");
        simulator.setFault(Fault.HTTP_500);

        assertThat(gateway.pay("PAY-F", code, 100, "USD").status).isEqualTo(500);
        assertThat(gateway.cancel("PAY-F").status).isEqualTo(500);
        assertThat(simulator.payment("PAY-F")).isEmpty();

        simulator.setFault(Fault.NONE);
        assertThat(gateway.pay("PAY-F", code, 100, "USD").resultCode()).isEqualTo("SUCCESS");
        assertThat(simulator.callCount("pay")).isEqualTo(2);
    }

    @Test
    void hangFaultHoldsTheConnectionThenDropsItWithoutProcessing() throws Exception {
        String code = simulator.issuePaymentCode("bob");
        simulator.setFault(Fault.HANG);

        assertThatThrownBy(() -> gateway.pay("PAY-H", code, 100, "USD")).isInstanceOf(IOException.class);

        assertThat(simulator.payment("PAY-H")).isEmpty();
        assertThat(simulator.callCount("pay")).isEqualTo(1);
    }

    @Test
    void badSignatureFaultProcessesButSpoilsEverySignature() throws Exception {
        String code = simulator.issuePaymentCode("cara");
        simulator.setFault(Fault.BAD_SIGNATURE);

        Answer pay = gateway.pay("PAY-B", code, 100, "USD");
        Answer inquiry = gateway.inquire("PAY-B");

        assertThat(pay.verifies()).isFalse();
        assertThat(inquiry.verifies()).isFalse();
        assertThat(simulator.chargeCount("PAY-B")).isEqualTo(1);
        simulator.setFault(Fault.NONE);
        assertThat(gateway.inquire("PAY-B").paymentResultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void unsignedFaultDropsSignatureHeaders() throws Exception {
        simulator.setFault(Fault.UNSIGNED);

        Answer cancel = gateway.cancel("PAY-U");

        assertThat(cancel.status).isEqualTo(200);
        assertThat(cancel.headers.firstValue("Signature")).isEmpty();
        assertThat(cancel.verifies()).isFalse();
    }

    @Test
    void sixtyHeldConnectionsAreHeldTogetherWhileOtherCallsAreStillServed() throws Exception {
        simulator.setFault(Fault.HANG);
        int callers = 60;
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String body = "{\"paymentRequestId\":\"H-" + i + "\"}";
            held.add(gateway.http.sendAsync(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/payments/inquiryPayment"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        // the control API still answers while every held call occupies a thread
        assertThat(gateway.control("GET", "/simulator/info", null).status()).isEqualTo(200);
        int dropped = 0;
        for (CompletableFuture<HttpResponse<String>> call : held) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                dropped++;
            }
        }

        assertThat(dropped).isEqualTo(callers);
        assertThat(simulator.callCount("inquiryPayment")).isEqualTo(callers);
        // held side by side, not one after another
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HANG.multipliedBy(10));
    }
}
