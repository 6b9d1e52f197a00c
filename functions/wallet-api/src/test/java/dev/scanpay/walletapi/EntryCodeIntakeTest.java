package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.entryCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** An entry-code payment made by the merchant's server, resolved and paid by the wallet. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryCodeIntakeTest {

    @Parameter
    Adapter adapter;

    private static final String WALLET_BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile SimWallet/1.0";

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private SignedWallet wallet;

    // one harness for the class (per adapter): each test has its own request ids, and counts the wallet
    // calls it makes (the other test leaves nothing for a sweep to cancel)
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_EC");
        wallet = gateway.walletCaller();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    @Test
    void theCashiersCodeValueResolvesToTheOrderAndReturnsTheBrowserToTheMerchant() {
        Answer pay = merchant.call("pay", entryCode("EC-W1", "USD", 1234, WALLET_BROWSER));
        String redirect = (String) pay.object("redirectActionForm").get("redirectUrl");
        String codeValue = URLDecoder.decode(redirect.substring(redirect.indexOf("codeValue=") + 10), StandardCharsets.UTF_8);

        Answer order = wallet.userInitiatedPay(codeValue, "alice");

        assertThat(order.resultCode()).isEqualTo("SUCCESS");
        assertThat(order.get("paymentRequestId")).isEqualTo(pay.get("paymentId"));
        assertThat(order.get("paymentRedirectUrl")).isEqualTo("https://merchant.example/paid/EC-W1");
        assertThat(order.object("paymentFactor").get("inStorePaymentScenario")).isEqualTo("EntryCode");
        assertThat(wallet.notifySuccess(pay.get("paymentId"), Money.of(1234, "USD"), "alice").resultStatus()).isEqualTo("S");
        assertThat(gateway.payment(pay.get("paymentId")).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "EC-W1")).get("paymentStatus")).isEqualTo("SUCCESS");
    }
    @Test
    void aSignedSuccessForAnOrderTheWalletNeverTookIsRecordedAndTheWalletToldToCancel() {
        Answer pay = merchant.call("pay", entryCode("EC-W2", "USD", 1234, WALLET_BROWSER));
        int cancelsBefore = gateway.wallet.callCount("cancelPayment");
        String paymentId = pay.get("paymentId");

        // the wallet chosen by the browser says it charged, without ever resolving the order
        Answer ack = wallet.notifySuccess(paymentId, Money.of(1234, "USD"), "alice");

        assertThat(ack.resultStatus()).as("acknowledged, not dropped").isEqualTo("S");
        var payment = gateway.payment(paymentId);
        assertThat(payment.status()).as("never a success").isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payment.lateSuccessAt()).as("recorded").isNotNull();
        assertThat(payment.cancelState()).isEqualTo(dev.scanpay.core.model.payment.CancelState.PENDING);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "EC-W2")).get("paymentStatus")).isEqualTo("FAIL");

        gateway.sweep();
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelsBefore).as("the wallet is told to give the money back").isEqualTo(1);
        assertThat(wallet.userInitiatedPay(URLDecoder.decode(((String) pay.object("redirectActionForm").get("redirectUrl"))
                .replaceFirst(".*codeValue=", ""), StandardCharsets.UTF_8), "alice").resultCode())
                .as("and the order cannot be taken afterwards").isEqualTo("ORDER_IS_CLOSED");
    }
}
