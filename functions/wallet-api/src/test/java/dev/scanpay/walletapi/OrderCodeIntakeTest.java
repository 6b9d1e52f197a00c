package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * An order code's life on the wallet side, through the real Lambda handler: a wallet resolves the code
 * (userInitiatedPay) and reports the result (notifyPayment); the merchant inquires and cancels.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderCodeIntakeTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private SignedWallet wallet;

    // one harness for the class (per adapter): each test has its own request ids, and counts the wallet
    // calls it makes
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_OC");
        wallet = gateway.walletCaller();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    /** Creates an order code; returns {paymentId, codeValue}. */
    @SuppressWarnings("unchecked")
    private String[] orderCodeFor(String requestId, String currency, long minor) {
        Answer answer = merchant.call("pay", orderCode(requestId, currency, minor));
        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        List<Map<String, Object>> details = (List<Map<String, Object>>) answer.object("orderCodeForm").get("codeDetails");
        return new String[] {answer.get("paymentId"), (String) details.get(0).get("codeValue")};
    }

    private String statusSeenByMerchant(String requestId) {
        return merchant.call("inquiryPayment", Map.of("paymentRequestId", requestId)).get("paymentStatus");
    }

    @Test
    @SuppressWarnings("unchecked")
    void paidOrderCode() {
        String[] code = orderCodeFor("OC-PAID", "JPY", 1200);

        Answer order = wallet.userInitiatedPay(code[1], "alice");
        assertThat(order.resultCode()).isEqualTo("SUCCESS");
        assertThat(order.get("paymentRequestId")).isEqualTo(code[0]);
        assertThat(order.get("codeType")).isEqualTo("ORDER_CODE");
        assertThat(order.get("acquirerId")).isEqualTo(GatewayHarness.GATEWAY_CLIENT_ID);
        assertThat(order.object("paymentAmount")).isEqualTo(Map.of("currency", "JPY", "value", "1200"));
        assertThat(order.get("paymentNotifyUrl")).isEqualTo(gateway.publicUrl() + "/aps/api/v1/payments/notifyPayment");
        assertThat(OffsetDateTime.parse(order.get("paymentExpiryTime")).toInstant()).isEqualTo(gateway.now().plus(Duration.ofMinutes(5)));
        Map<String, Object> merchantInfo = (Map<String, Object>) order.object("order").get("merchant");
        assertThat(merchantInfo.get("merchantName")).isEqualTo("Harbour Coffee");
        assertThat(((Map<String, Object>) merchantInfo.get("store")).get("storeName")).isEqualTo("Harbour Coffee Pier 3");
        assertThat(order.object("paymentFactor").get("inStorePaymentScenario")).isEqualTo("OrderCode");
        assertThat(statusSeenByMerchant("OC-PAID")).isEqualTo("PROCESSING");

        Answer ack = wallet.notifySuccess(code[0], Money.of(1200, "JPY"), "alice");
        assertThat(ack.resultStatus()).isEqualTo("S");

        Payment paid = gateway.payment(code[0]);
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(paid.walletId()).isEqualTo(gateway.wallet.walletId());
        assertThat(paid.customer().pspCustomerId()).isEqualTo("alice");
        assertThat(paid.walletPaymentId()).isEqualTo("W" + code[0]);
        assertThat(paid.nextCheckAt()).isNull();
        assertThat(statusSeenByMerchant("OC-PAID")).isEqualTo("SUCCESS");
    }

    @Test
    void scannedTwiceBySameCustomerIsOneOrderAndAnotherCustomerIsRefused() {
        String[] code = orderCodeFor("OC-TWICE", "USD", 450);

        Answer first = wallet.userInitiatedPay(code[1], "alice");
        long version = gateway.payment(code[0]).version();
        Answer again = wallet.userInitiatedPay(code[1], "alice");

        assertThat(again.resultCode()).isEqualTo("SUCCESS");
        assertThat(again.get("paymentRequestId")).isEqualTo(first.get("paymentRequestId"));
        assertThat(gateway.payment(code[0]).version()).as("a repeat writes nothing").isEqualTo(version);
        assertThat(wallet.userInitiatedPay(code[1], "bob").resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(gateway.payment(code[0]).customer().pspCustomerId()).isEqualTo("alice");
    }

    @Test
    void expiredCodeCannotBeScannedAndCloses() {
        String[] code = orderCodeFor("OC-EXPIRED", "USD", 990);

        gateway.clock.advance(Duration.ofMinutes(5));
        assertThat(wallet.userInitiatedPay(code[1], "alice").resultCode()).as("before the sweeper closes it").isEqualTo("EXPIRED_CODE");
        gateway.sweep();
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(wallet.userInitiatedPay(code[1], "alice").resultCode()).as("after").isEqualTo("EXPIRED_CODE");
        assertThat(statusSeenByMerchant("OC-EXPIRED")).isEqualTo("FAIL");
    }

    @Test
    void cancelledBeforeScanIsClosed() {
        String[] code = orderCodeFor("OC-CANCELLED", "USD", 990);
        int cancelsBefore = gateway.wallet.callCount("cancelPayment");

        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "OC-CANCELLED")).resultCode()).isEqualTo("SUCCESS");

        Answer answer = wallet.userInitiatedPay(code[1], "alice");
        assertThat(answer.resultCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(answer.resultStatus()).isEqualTo("F");
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelsBefore).as("no wallet ever saw it").isZero();
    }

    @Test
    void duplicateAndOutOfOrderNotificationsHaveOneEffect() {
        String[] code = orderCodeFor("OC-DUP", "JPY", 800);
        wallet.userInitiatedPay(code[1], "alice");

        assertThat(wallet.notifySuccess(code[0], Money.of(800, "JPY"), "alice").resultStatus()).isEqualTo("S");
        Payment once = gateway.payment(code[0]);
        assertThat(wallet.notifySuccess(code[0], Money.of(800, "JPY"), "alice").resultStatus()).isEqualTo("S");
        assertThat(wallet.notifyFailure(code[0], Money.of(800, "JPY"), "alice", "USER_BALANCE_NOT_ENOUGH").resultStatus())
                .as("an older failure arriving late is acknowledged").isEqualTo("S");

        Payment after = gateway.payment(code[0]);
        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(after.version()).as("nothing written by the repeats").isEqualTo(once.version());
    }

    @Test
    void walletFailureFailsThePayment() {
        String[] code = orderCodeFor("OC-DECLINED", "JPY", 800);
        wallet.userInitiatedPay(code[1], "alice");

        assertThat(wallet.notifyFailure(code[0], Money.of(800, "JPY"), "alice", "USER_BALANCE_NOT_ENOUGH").resultStatus()).isEqualTo("S");

        Payment failed = gateway.payment(code[0]);
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAIL);
        assertThat(failed.resultCode()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(statusSeenByMerchant("OC-DECLINED")).isEqualTo("FAIL");
        assertThat(wallet.notifySuccess(code[0], Money.of(800, "JPY"), "alice").resultStatus()).isEqualTo("S");
        assertThat(gateway.payment(code[0]).lateSuccessAt()).as("success after failure: recorded, wallet told to cancel").isNotNull();
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.FAIL);
    }

    @Test
    void lateSuccessAfterCancelNeverBecomesSuccessAndTheWalletIsToldToCancel() {
        String[] code = orderCodeFor("OC-LATE", "USD", 2500);
        wallet.userInitiatedPay(code[1], "alice");

        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "OC-LATE")).resultCode()).isEqualTo("SUCCESS");
        int cancelsBefore = gateway.wallet.callCount("cancelPayment");
        Payment cancelled = gateway.payment(code[0]);
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);

        Answer ack = wallet.notifySuccess(code[0], Money.of(2500, "USD"), "alice");

        assertThat(ack.resultStatus()).as("acknowledged, so the wallet stops retrying").isEqualTo("S");
        Payment recorded = gateway.payment(code[0]);
        assertThat(recorded.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(recorded.lateSuccessAt()).isEqualTo(gateway.now());
        assertThat(recorded.cancelState()).isEqualTo(CancelState.PENDING);
        assertThat(recorded.walletPaymentId()).isEqualTo("W" + code[0]);

        gateway.sweep();
        assertThat(gateway.wallet.callCount("cancelPayment")).isGreaterThan(cancelsBefore);
        assertThat(gateway.payment(code[0]).cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(statusSeenByMerchant("OC-LATE")).isEqualTo("CANCELLED");
    }

    @Test
    void notificationsThatDoNotMatchThePaymentAreRefusedAndChangeNothing() {
        String[] code = orderCodeFor("OC-MISMATCH", "USD", 700);
        wallet.userInitiatedPay(code[1], "alice");
        long version = gateway.payment(code[0]).version();

        Answer wrongAmount = wallet.notifySuccess(code[0], Money.of(701, "USD"), "alice");
        assertThat(wrongAmount.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(wrongAmount.resultMessage()).contains("paymentAmount");
        assertThat(wallet.notifySuccess(code[0], Money.of(700, "EUR"), "alice").resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(wallet.notifySuccess(code[0], Money.of(700, "USD"), "mallory").resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(wallet.notifySuccess("20261123000000999", Money.of(700, "USD"), "alice").resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(wallet.postMalformed(SignedWallet.API + "notifyPayment", wallet.notification(code[0], Money.of(700, "USD"), "alice",
                Map.of("resultStatus", "U", "resultCode", "PAYMENT_IN_PROCESS"))).resultCode()).isEqualTo("PARAM_ILLEGAL");

        assertThat(gateway.payment(code[0]).version()).isEqualTo(version);
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.PROCESSING);
    }

    @Test
    void aCodeNotScannedByThisWalletCannotBeNotified() {
        String[] code = orderCodeFor("OC-UNSCANNED", "USD", 700);

        assertThat(wallet.notifySuccess(code[0], Money.of(700, "USD"), "alice").resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(gateway.payment(code[0]).status()).isEqualTo(PaymentStatus.CREATED);
    }

    @Test
    void unknownAndForeignCodesAreInvalid() {
        assertThat(wallet.userInitiatedPay(gateway.publicUrl() + "/c/AAAAAAAAAAAAAAAAAAAAAAAAAAA", "alice").resultCode())
                .isEqualTo("INVALID_CODE");
        assertThat(wallet.userInitiatedPay("https://qr.other-acquirer.example/c/abc", "alice").resultCode()).isEqualTo("INVALID_CODE");
        assertThat(wallet.userInitiatedPay("<script>", "alice").resultCode()).isEqualTo("INVALID_CODE");
        Answer missing = wallet.postMalformed(SignedWallet.API + "userInitiatedPay", Map.of("codeValue", gateway.publicUrl() + "/c/x"));
        assertThat(missing.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(missing.resultMessage()).contains("customerId");
    }

    @Test
    void userPresentedPaymentsAreSettledByNotificationToo() {
        var simulator = gateway.wallet;
        simulator.configureCustomer("carol", dev.scanpay.simulator.CustomerSettings.builder()
                .behaviour(dev.scanpay.simulator.Behaviour.IN_PROCESS).settleAfter(Duration.ofMinutes(10)).build());
        String paymentCode = simulator.issuePaymentCode("carol");
        Answer pay = merchant.call("pay", dev.scanpay.testkit.PayBodies.userPresented("UPM-NOTIFIED", "JPY", 300, paymentCode));
        assertThat(pay.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");

        assertThat(wallet.notifySuccess(pay.get("paymentId"), Money.of(300, "JPY"), "carol").resultStatus()).isEqualTo("S");

        assertThat(gateway.payment(pay.get("paymentId")).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(statusSeenByMerchant("UPM-NOTIFIED")).isEqualTo("SUCCESS");
    }
}
