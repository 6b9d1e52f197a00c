package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.simulator.TestGateway.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class SignatureTest extends SimulatorTestSupport {

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedWithASignedInvalidSignature() throws Exception {
        String code = simulator.issuePaymentCode("alice");
        MessageSigner impostor = new MessageSigner(TestGateway.CLIENT_ID, "1", TestKeys.STRANGER.getPrivate());

        Answer answer = gateway.callSignedBy(impostor, "pay",
                gateway.json.write(gateway.payBody("PAY-1", code, dev.scanpay.core.money.Money.of(100, "USD"))));

        // the refusal itself is signed, so the gateway can trust the refusal
        assertThat(answer.verifies()).isTrue();
        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(answer.resultCode()).isEqualTo("INVALID_SIGNATURE");
        assertThat(simulator.payment("PAY-1")).isEmpty();
        assertThat(simulator.totalCharges()).isZero();
    }

    @Test
    void aClientIdTheWalletDoesNotTrustIsRefused() throws Exception {
        MessageSigner stranger = new MessageSigner("OTHER_GATEWAY", "1", TestKeys.GATEWAY.getPrivate());

        Answer answer = gateway.callSignedBy(stranger, "inquiryPayment", "{\"paymentRequestId\":\"X\"}".getBytes());

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.json()).extractingByKey("result").extracting("resultCode").isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        URI target = URI.create(simulator.endpoint() + "/payments/cancelPayment");
        String time = RequestTime.format(clock.instant());
        String signature = gateway.signer.sign("POST", target.getRawPath(), time, "{\"paymentRequestId\":\"A\"}".getBytes());
        HttpRequest request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Client-Id", TestGateway.CLIENT_ID)
                .header("Request-Time", time)
                .header("Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentRequestId\":\"B\"}"))
                .build();

        HttpResponse<String> response = gateway.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("INVALID_SIGNATURE");
        assertThat(simulator.payment("B")).isEmpty();
    }

    @Test
    void anUnsignedRequestIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/payments/cancelPayment"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentRequestId\":\"A\"}"))
                .build();

        HttpResponse<String> response = gateway.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("INVALID_SIGNATURE");
        assertThat(simulator.payment("A")).isEmpty();
        assertThat(simulator.callCount("cancelPayment")).isEqualTo(1);
    }

    @Test
    void aGarbledSignatureHeaderIsRefusedNotAnError() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/payments/inquiryPayment"))
                .header("Client-Id", TestGateway.CLIENT_ID)
                .header("Request-Time", RequestTime.format(clock.instant()))
                .header("Signature", "algorithm=RSA256,keyVersion=1,signature=%zz%")
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentRequestId\":\"A\"}"))
                .build();

        HttpResponse<String> response = gateway.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("INVALID_SIGNATURE");
    }
}
