package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SlowEndpoint;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;

/**
 * A wallet whose answer drips (HTTP 200, then a byte a second) or runs to megabytes: the pay call ends at
 * its deadline (the harness's 700 ms wallet timeout) with an unknown answer, U, followed up like any other
 * wallet that did not answer; it is not held for as long as the wallet likes.
 */
@OnBothAdapters
class SlowWalletTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_SLOW_WALLET");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void register(String walletId, SlowEndpoint endpoint, String prefix) {
        new WalletStore(gateway.dynamoClient, gateway.table).put(new Wallet(walletId, walletId, endpoint.baseUrl(),
                RsaKeys.encode(RsaKeys.generate().getPublic()), "1", List.of(prefix)));
    }

    @Test
    // a client without a deadline on the body waits on the drip for as long as it lasts: fail, do not hang
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDrippingOrHugeWalletAnswerIsUnknownAtTheDeadline() {
        try (SlowEndpoint drip = new SlowEndpoint(SlowEndpoint.Mode.DRIP);
             SlowEndpoint huge = new SlowEndpoint(SlowEndpoint.Mode.HUGE_CHUNKED)) {
            register("DRIPWALLET", drip, "2771");
            register("HUGEWALLET", huge, "2772");

            long start = System.nanoTime();
            Answer dripped = merchant.call("pay", userPresented("PR-DRIP-WALLET", "USD", 100, "277100000000000001"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            Answer huged = merchant.call("pay", userPresented("PR-HUGE-WALLET", "USD", 100, "277200000000000001"));

            assertThat(dripped.resultStatus()).isEqualTo("U");
            assertThat(dripped.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
            assertThat(ms).as("the pay ends at the wallet deadline, not when the drip stops").isLessThan(4_000);
            assertThat(drip.requests()).isEqualTo(1);
            assertThat(huged.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
            assertThat(huge.requests()).isEqualTo(1);
            assertThat(gateway.payment(dripped.get("paymentId")).status()).isEqualTo(PaymentStatus.PROCESSING);
        }
    }
}
