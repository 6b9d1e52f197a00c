package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A wallet rotates its key with overlap, as clients do: the gateway holds its keys by keyVersion, verifies
 * each call and answer with the version its Signature header names, and a retired key verifies nothing.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletKeyRotationTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private final KeyPair next = RsaKeys.generate();
    private String current;

    // one harness for the class (per adapter): each test registers the wallet's whole key set before it
    // relies on it, and has its own request ids
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_ROTATION");
        current = gateway.wallet.keyVersion();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    private void register(Map<String, String> keys) {
        gateway.registerWalletKeys(keys);
        gateway.clock.advance(Duration.ofSeconds(31));
    }

    private Answer notifyAs(String keyVersion, KeyPair keys, String paymentId) {
        return gateway.walletCaller(keyVersion, keys).notifySuccess(paymentId, Money.of(9_901, "USD"), "alice");
    }

    private String pendingPayment(String paymentRequestId) {
        // 9901: the wallet is still charging when pay returns; its notifyPayment is what the test sends
        Answer pay = merchant.call("pay", userPresented(paymentRequestId, "USD", 9_901, gateway.wallet.issuePaymentCode("alice")));
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
        return pay.get("paymentId");
    }

    @Test
    void duringTheOverlapBothKeysVerifyEachUnderItsOwnVersion() {
        String nextVersion = current + "1";
        register(Map.of(current, gateway.wallet.publicKey(), nextVersion, RsaKeys.encode(next.getPublic())));

        String first = pendingPayment("PR-K1");
        assertThat(notifyAs(nextVersion, next, first).resultStatus()).as("the new key").isEqualTo("S");
        String second = pendingPayment("PR-K2");
        assertThat(notifyAs(current, gateway.walletKeys, second).resultStatus()).as("the old key, still registered").isEqualTo("S");
        assertThat(notifyAs(current, next, second).resultCode()).as("a key under another's version")
                .isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void aRetiredKeyVerifiesNeitherCallsNorAnswers() {
        String nextVersion = current + "1";
        register(Map.of(nextVersion, RsaKeys.encode(next.getPublic())));

        String paymentId = pendingPayment("PR-K3");
        assertThat(notifyAs(current, gateway.walletKeys, paymentId).resultCode()).isEqualTo("INVALID_SIGNATURE");
        // the simulator still signs its answers with the retired key: they are no answers
        Answer pay = merchant.call("pay", userPresented("PR-K4", "USD", 1_250, gateway.wallet.issuePaymentCode("alice")));
        assertThat(pay.resultStatus()).as("a success signed with a retired key is not a success").isEqualTo("U");
    }
}
