package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.Fault;
import dev.scanpay.simulator.RefundBehaviour;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Refunds through the real Lambda handler, DynamoDB Local and the wallet simulator: partial, several, full,
 * too much, repeats, the wallet's unknown answers resolved by the follow-up, and refunds against cancels.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundTest {

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    // one harness for the class (per adapter): each test has its own request ids and customers, and counts
    // the wallet calls it makes (no sweep runs while it counts)
    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_REFUNDS");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    /** A paid user-presented payment of {@code minor} USD cents by {@code customer}; returns its paymentId. */
    private String paid(String customer, String paymentRequestId, long minor) {
        Answer paid = merchant.call("pay", userPresented(paymentRequestId, "USD", minor, gateway.wallet.issuePaymentCode(customer)));
        assertThat(paid.resultCode()).isEqualTo("SUCCESS");
        return paid.get("paymentId");
    }

    private static Map<String, Object> refundBody(String refundRequestId, String paymentId, String currency, long minor) {
        Map<String, Object> body = new HashMap<>();
        body.put("refundRequestId", refundRequestId);
        body.put("paymentId", paymentId);
        body.put("refundAmount", Map.of("currency", currency, "value", Long.toString(minor)));
        return body;
    }

    private Answer refund(String refundRequestId, String paymentId, long minor) {
        return merchant.call("refund", refundBody(refundRequestId, paymentId, "USD", minor));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> transactions(String paymentId) {
        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentId", paymentId));
        assertThat(inquiry.resultCode()).isEqualTo("SUCCESS");
        List<Map<String, Object>> transactions = (List<Map<String, Object>>) inquiry.json().get("transactions");
        return transactions == null ? List.of() : transactions;
    }

    @Test
    void partialRefundCreditsTheCustomerAndIsHeldOnThePayment() {
        String paymentId = paid("alice", "PR-R1", 10_000);
        long before = gateway.wallet.balance("alice", "USD");
        Map<String, Object> body = refundBody("RF-1", paymentId, "USD", 2_500);
        body.put("referenceRefundId", "shop-refund-7");
        body.put("refundReason", "one cup was cold");

        Answer refund = merchant.call("refund", body);

        assertThat(refund.resultStatus()).isEqualTo("S");
        assertThat(refund.resultCode()).isEqualTo("SUCCESS");
        assertThat(refund.get("refundRequestId")).isEqualTo("RF-1");
        assertThat(refund.get("paymentId")).isEqualTo(paymentId);
        assertThat(refund.get("refundId")).isNotBlank();
        assertThat(refund.get("refundTime")).isNotBlank();
        assertThat(refund.object("refundAmount")).isEqualTo(Map.of("currency", "USD", "value", "2500"));
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before + 2_500);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(2_500);
        Refund stored = gateway.refunds().byId(refund.get("refundId")).orElseThrow();
        assertThat(stored.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(stored.referenceRefundId()).isEqualTo("shop-refund-7");
        assertThat(stored.reason()).isEqualTo("one cup was cold");
        assertThat(stored.nextCheckAt()).as("nothing left to check").isNull();

        for (Map<String, Object> lookup : List.<Map<String, Object>>of(Map.of("refundRequestId", "RF-1"),
                Map.of("refundId", refund.get("refundId")))) {
            Answer inquiry = merchant.call("inquiryRefund", lookup);
            assertThat(inquiry.resultCode()).isEqualTo("SUCCESS");
            assertThat(inquiry.get("refundStatus")).isEqualTo("SUCCESS");
            assertThat(inquiry.get("refundId")).isEqualTo(refund.get("refundId"));
            assertThat(inquiry.get("refundRequestId")).isEqualTo("RF-1");
            assertThat(inquiry.get("refundTime")).isEqualTo(refund.get("refundTime"));
            assertThat(inquiry.object("refundAmount")).isEqualTo(Map.of("currency", "USD", "value", "2500"));
        }
        assertThat(transactions(paymentId)).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("transactionType", "REFUND")
                .containsEntry("transactionStatus", "SUCCESS")
                .containsEntry("transactionId", refund.get("refundId"))
                .containsEntry("transactionRequestId", "RF-1")
                .containsEntry("transactionAmount", Map.of("currency", "USD", "value", "2500")));
    }

    @Test
    void severalPartialRefundsUpToTheAmountThenNoFurther() {
        String paymentId = paid("bob", "PR-R2", 10_000);
        long before = gateway.wallet.balance("bob", "USD");
        int refundCallsBefore = gateway.wallet.callCount("refund");

        assertThat(refund("RF-2a", paymentId, 3_000).resultCode()).isEqualTo("SUCCESS");
        gateway.clock.advance(Duration.ofSeconds(1));
        assertThat(refund("RF-2b", paymentId, 3_000).resultCode()).isEqualTo("SUCCESS");
        gateway.clock.advance(Duration.ofSeconds(1));
        Answer tooMuch = refund("RF-2c", paymentId, 4_001);
        assertThat(tooMuch.resultStatus()).isEqualTo("F");
        assertThat(tooMuch.resultCode()).isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(refund("RF-2d", paymentId, 4_000).resultCode()).isEqualTo("SUCCESS");
        Answer oneMore = refund("RF-2e", paymentId, 1);

        assertThat(oneMore.resultCode()).isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(10_000);
        assertThat(gateway.wallet.balance("bob", "USD")).isEqualTo(before + 10_000);
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).as("refused refunds never reach the wallet").isEqualTo(3);
        assertThat(transactions(paymentId)).extracting(t -> t.get("transactionRequestId"))
                .containsExactly("RF-2a", "RF-2b", "RF-2d");
        assertThat(merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-2c")).resultCode())
                .as("a refused refund leaves nothing behind").isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    void fullRefundInOneGo() {
        String paymentId = paid("cara", "PR-R3", 4_200);
        long before = gateway.wallet.balance("cara", "USD");

        assertThat(refund("RF-3", paymentId, 4_200).resultCode()).isEqualTo("SUCCESS");

        assertThat(gateway.wallet.balance("cara", "USD")).isEqualTo(before + 4_200);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(4_200);
        assertThat(gateway.payment(paymentId).status()).as("a refunded payment stays paid").isEqualTo(PaymentStatus.SUCCESS);
        assertThat(merchant.call("inquiryPayment", Map.of("paymentId", paymentId)).get("paymentStatus")).isEqualTo("SUCCESS");
    }

    @Test
    void overRefundIsRefusedAndWritesNothing() {
        String paymentId = paid("dave", "PR-R4", 1_000);
        int refundCallsBefore = gateway.wallet.callCount("refund");

        Answer refund = refund("RF-4", paymentId, 1_001);

        assertThat(refund.resultStatus()).isEqualTo("F");
        assertThat(refund.resultCode()).isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(gateway.payment(paymentId).refundedMinor()).isZero();
        assertThat(gateway.refunds().byPayment(paymentId)).isEmpty();
        assertThat(gateway.refunds().findRequest(merchant.clientId, "RF-4")).isEmpty();
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).isZero();
        assertThat(refund("RF-4", paymentId, 1_000).resultCode()).as("the id is still free").isEqualTo("SUCCESS");
    }

    @Test
    void repeatReturnsTheFirstRefundAndRefundsOnce() {
        String paymentId = paid("erin", "PR-R5", 5_000);
        long before = gateway.wallet.balance("erin", "USD");
        int refundCallsBefore = gateway.wallet.callCount("refund");
        Answer first = refund("RF-5", paymentId, 1_500);

        Answer again = refund("RF-5", paymentId, 1_500);

        assertThat(again.resultCode()).isEqualTo("SUCCESS");
        assertThat(again.get("refundId")).isEqualTo(first.get("refundId"));
        assertThat(again.get("refundTime")).isEqualTo(first.get("refundTime"));
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).isEqualTo(1);
        assertThat(gateway.wallet.balance("erin", "USD")).isEqualTo(before + 1_500);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(1_500);
    }

    @Test
    void sameIdForAnotherAmountOrPaymentIsInconsistent() {
        String paymentId = paid("fay", "PR-R6", 5_000);
        String otherPayment = paid("fay", "PR-R6b", 5_000);
        int refundCallsBefore = gateway.wallet.callCount("refund");
        assertThat(refund("RF-6", paymentId, 1_000).resultCode()).isEqualTo("SUCCESS");

        Answer otherAmount = refund("RF-6", paymentId, 1_001);
        Answer otherPaymentAnswer = refund("RF-6", otherPayment, 1_000);

        assertThat(otherAmount.resultStatus()).isEqualTo("F");
        assertThat(otherAmount.resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(otherPaymentAnswer.resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(1_000);
        assertThat(gateway.payment(otherPayment).refundedMinor()).isZero();
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).isEqualTo(1);
    }

    @Test
    void inProcessAtTheWalletIsUnknownThenResolvedByTheSweeper() {
        String paymentId = paid("gus", "PR-R7", 3_000);
        gateway.wallet.configureCustomer("gus", CustomerSettings.builder()
                .refundBehaviour(RefundBehaviour.REFUND_IN_PROCESS).settleAfter(Duration.ofSeconds(10)).build());
        long before = gateway.wallet.balance("gus", "USD");

        Answer refund = refund("RF-7", paymentId, 1_000);

        assertThat(refund.resultStatus()).isEqualTo("U");
        assertThat(refund.resultCode()).isEqualTo("REFUND_IN_PROCESS");
        assertThat(refund.get("refundId")).isNotBlank();
        assertThat(merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-7")).get("refundStatus")).isEqualTo("PROCESSING");
        assertThat(gateway.payment(paymentId).refundedMinor()).as("reserved while unknown").isEqualTo(1_000);
        assertThat(refund("RF-7b", paymentId, 2_001).resultCode()).as("the reservation counts").isEqualTo("REFUND_AMOUNT_EXCEED");
        assertThat(transactions(paymentId)).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("transactionStatus", "PROCESSING"));

        gateway.clock.advance(Duration.ofSeconds(11));
        gateway.sweep();

        Refund resolved = gateway.refunds().byId(refund.get("refundId")).orElseThrow();
        assertThat(resolved.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(resolved.nextCheckAt()).isNull();
        Answer inquiry = merchant.call("inquiryRefund", Map.of("refundId", refund.get("refundId")));
        assertThat(inquiry.get("refundStatus")).isEqualTo("SUCCESS");
        assertThat(inquiry.get("refundTime")).isNotBlank();
        assertThat(refund("RF-7", paymentId, 1_000).resultCode()).as("the repeat now answers S").isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("gus", "USD")).isEqualTo(before + 1_000);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(1_000);
    }

    @Test
    void unsignedSuccessIsUnknownUntilTheWalletSaysItSigned() {
        String paymentId = paid("hana", "PR-R8", 3_000);
        long before = gateway.wallet.balance("hana", "USD");
        gateway.wallet.setFault(Fault.UNSIGNED);

        Answer refund = refund("RF-8", paymentId, 800);

        assertThat(refund.resultStatus()).as("an unsigned S is not a success").isEqualTo("U");
        assertThat(gateway.wallet.balance("hana", "USD")).as("the wallet did refund").isEqualTo(before + 800);
        gateway.wallet.setFault(Fault.NONE);
        gateway.clock.advance(Duration.ofSeconds(10));
        gateway.sweep();

        assertThat(merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-8")).get("refundStatus")).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("hana", "USD")).as("and only once").isEqualTo(before + 800);
        assertThat(gateway.wallet.payment(paymentId).orElseThrow().refundedMinor()).isEqualTo(800);
    }

    @Test
    void noAnswerIsUnknownAndTheInquiryResolvesIt() {
        String paymentId = paid("ivan", "PR-R9", 3_000);
        long before = gateway.wallet.balance("ivan", "USD");
        gateway.wallet.setFault(Fault.HANG);

        Answer refund = refund("RF-9", paymentId, 1_200);

        assertThat(refund.resultCode()).isEqualTo("REFUND_IN_PROCESS");
        assertThat(gateway.wallet.balance("ivan", "USD")).as("the call never reached the ledger").isEqualTo(before);
        gateway.wallet.setFault(Fault.NONE);
        gateway.clock.advance(Duration.ofSeconds(10));

        // due: the merchant's inquiry asks the wallet (the same refund request again) before answering
        Answer inquiry = merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-9"));

        assertThat(inquiry.get("refundStatus")).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("ivan", "USD")).isEqualTo(before + 1_200);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(1_200);
    }

    @Test
    void walletDeclineFailsTheRefundAndReleasesTheAmount() {
        String paymentId = paid("jo", "PR-R10", 2_000);
        gateway.wallet.configureCustomer("jo", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_DECLINE).build());
        long before = gateway.wallet.balance("jo", "USD");

        Answer refund = refund("RF-10", paymentId, 2_000);

        assertThat(refund.resultStatus()).isEqualTo("F");
        assertThat(refund.resultCode()).isEqualTo("PROCESS_FAIL");
        assertThat(gateway.payment(paymentId).refundedMinor()).as("released").isZero();
        Answer inquiry = merchant.call("inquiryRefund", Map.of("refundRequestId", "RF-10"));
        assertThat(inquiry.get("refundStatus")).isEqualTo("FAIL");
        assertThat(inquiry.get("refundResultCode")).isEqualTo("PROCESS_FAIL");
        assertThat(refund("RF-10", paymentId, 2_000).resultCode()).as("a repeat keeps the first answer").isEqualTo("PROCESS_FAIL");

        gateway.wallet.configureCustomer("jo", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_SUCCESS).build());
        gateway.clock.advance(Duration.ofSeconds(1));
        assertThat(refund("RF-10b", paymentId, 2_000).resultCode()).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("jo", "USD")).isEqualTo(before + 2_000);
        assertThat(transactions(paymentId)).extracting(t -> t.get("transactionStatus")).containsExactly("FAIL", "SUCCESS");
    }

    @Test
    void aCancelledPaymentCannotBeRefunded() {
        String paymentId = paid("kim", "PR-R11", 2_000);
        int refundCallsBefore = gateway.wallet.callCount("refund");
        assertThat(merchant.call("cancel", Map.of("paymentId", paymentId)).resultCode()).isEqualTo("SUCCESS");
        long before = gateway.wallet.balance("kim", "USD");

        Answer refund = refund("RF-11", paymentId, 500);

        assertThat(refund.resultStatus()).isEqualTo("F");
        assertThat(refund.resultCode()).isEqualTo("ORDER_STATUS_INVALID");
        assertThat(gateway.refunds().byPayment(paymentId)).isEmpty();
        assertThat(gateway.wallet.callCount("refund") - refundCallsBefore).isZero();
        assertThat(gateway.wallet.balance("kim", "USD")).isEqualTo(before);
    }

    @Test
    void aRefundedPaymentCannotBeCancelled() {
        String paymentId = paid("lee", "PR-R12", 2_000);
        int cancelCallsBefore = gateway.wallet.callCount("cancelPayment");
        assertThat(refund("RF-12", paymentId, 500).resultCode()).isEqualTo("SUCCESS");
        long before = gateway.wallet.balance("lee", "USD");

        Answer cancel = merchant.call("cancel", Map.of("paymentId", paymentId));

        assertThat(cancel.resultStatus()).isEqualTo("F");
        assertThat(cancel.resultCode()).isEqualTo("ORDER_STATUS_INVALID");
        assertThat(gateway.payment(paymentId).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(gateway.wallet.callCount("cancelPayment") - cancelCallsBefore).isZero();
        assertThat(gateway.wallet.balance("lee", "USD")).isEqualTo(before);
        assertThat(refund("RF-12b", paymentId, 1_500).resultCode()).as("refund the rest instead").isEqualTo("SUCCESS");
    }

    @Test
    void outsideTheRefundWindowIsRefused() {
        String paymentId = paid("max", "PR-R13", 2_000);
        gateway.clock.advance(Duration.ofDays(365).plusSeconds(1));

        Answer refund = refund("RF-13", paymentId, 500);

        assertThat(refund.resultStatus()).isEqualTo("F");
        assertThat(refund.resultCode()).isEqualTo("REFUND_WINDOW_EXCEED");
        assertThat(gateway.payment(paymentId).refundedMinor()).isZero();
    }

    @Test
    void aRefundInAnotherCurrencyIsParamIllegal() {
        String paymentId = paid("ned", "PR-R14", 2_000);

        Answer refund = merchant.call("refund", refundBody("RF-14", paymentId, "EUR", 500));

        assertThat(refund.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(refund.resultMessage()).contains("refundAmount.currency");
        assertThat(gateway.refunds().byPayment(paymentId)).isEmpty();
    }

    @Test
    void anotherClientsPaymentAndRefundDoNotExist() {
        String paymentId = paid("olga", "PR-R15", 2_000);
        Answer mine = refund("RF-15", paymentId, 100);
        SignedMerchant other = gateway.merchant("MERCHANT_OTHER");

        Answer refund = other.call("refund", refundBody("RF-15", paymentId, "USD", 100));
        Answer inquiry = other.call("inquiryRefund", Map.of("refundId", mine.get("refundId")));

        assertThat(refund.resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(inquiry.resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(other.call("inquiryRefund", Map.of("refundRequestId", "RF-15")).resultCode()).isEqualTo("ORDER_NOT_EXIST");
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(100);
    }

    @Test
    void badFieldsAreParamIllegalNamingTheFieldAndWriteNothing() {
        String paymentId = paid("pat", "PR-R16", 2_000);
        Map<String, Object> noId = refundBody("RF-16", paymentId, "USD", 100);
        noId.remove("refundRequestId");
        Map<String, Object> zero = refundBody("RF-16", paymentId, "USD", 0);
        Map<String, Object> longReason = refundBody("RF-16", paymentId, "USD", 100);
        longReason.put("refundReason", "x".repeat(257));
        Map<String, Object> longReference = refundBody("RF-16", paymentId, "USD", 100);
        longReference.put("referenceRefundId", "r".repeat(65));
        Map<String, Object> noAmount = refundBody("RF-16", paymentId, "USD", 100);
        noAmount.remove("refundAmount");

        Map<Map<String, Object>, String> cases = Map.of(noId, "refundRequestId", zero, "refundAmount.value",
                longReason, "refundReason", longReference, "referenceRefundId", noAmount, "refundAmount");
        cases.forEach((body, field) -> {
            Answer answer = merchant.callMalformed("refund", body);
            assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(answer.resultMessage()).startsWith(field + " ");
        });
        assertThat(merchant.callMalformed("inquiryRefund", Map.of()).resultMessage()).contains("refundId");
        assertThat(gateway.refunds().byPayment(paymentId)).isEmpty();
        assertThat(gateway.payment(paymentId).refundedMinor()).isZero();
    }
}
