package dev.scanpay.walletapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedWallet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** Calls a wallet must not get through with; each still gets a signed Alipay+ answer (SignedCaller checks). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnBothAdapters
class WalletRefusalsTest {

    @Parameter
    Adapter adapter;

    private static final String PATH = SignedWallet.API + "userInitiatedPay";
    private static final String BODY = "{\"codeValue\":\"x\",\"customerId\":\"alice\"}";

    private GatewayHarness gateway;
    private SignedWallet wallet;

    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        wallet = gateway.walletCaller();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    private Map<String, String> headers(String body) {
        return new HashMap<>(wallet.headers(PATH, RequestTime.format(gateway.now()), body));
    }

    @Test
    void aBodyChangedAfterSigningIsInvalidSignature() {
        Map<String, String> headers = headers(BODY);
        Answer answer = wallet.send(PATH, BODY.replace("alice", "bob"), headers);
        assertThat(answer.resultCode()).isEqualTo("INVALID_SIGNATURE");
        assertThat(answer.resultStatus()).isEqualTo("F");
    }

    @Test
    void aMerchantKeyOrUnknownWalletIsRefused() {
        Map<String, String> headers = headers(BODY);
        headers.put("Client-Id", "NOT_A_WALLET");
        assertThat(wallet.send(PATH, BODY, headers).resultCode()).isEqualTo("INVALID_CLIENT");
        headers.remove("Client-Id");
        assertThat(wallet.sendMalformed(PATH, BODY, headers).resultCode()).isEqualTo("INVALID_CLIENT");
    }

    @Test
    void missingSignatureIsInvalidSignature() {
        Map<String, String> headers = headers(BODY);
        headers.remove("Signature");
        assertThat(wallet.sendMalformed(PATH, BODY, headers).resultCode()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void staleRequestTimeIsRefused() {
        String old = RequestTime.format(gateway.now().minus(Duration.ofMinutes(6)));
        Answer answer = wallet.send(PATH, BODY, wallet.headers(PATH, old, BODY));
        assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(answer.resultMessage()).contains("Request-Time");
    }

    @Test
    void transportRefusals() {
        assertThat(wallet.send("GET", PATH, null, headers("")).resultCode()).isEqualTo("METHOD_NOT_SUPPORTED");
        Map<String, String> form = headers(BODY);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(wallet.sendMalformed(PATH, BODY, form).resultCode()).isEqualTo("MEDIA_TYPE_NOT_ACCEPTABLE");
        String other = SignedWallet.API + "refund";
        assertThat(wallet.sendMalformed(other, BODY, wallet.headers(other, RequestTime.format(gateway.now()), BODY)).resultCode())
                .isEqualTo("NO_INTERFACE_DEF");
        assertThat(wallet.sendMalformed(PATH, "{not json", headers("{not json")).resultCode()).isEqualTo("PARAM_ILLEGAL");
    }
}
