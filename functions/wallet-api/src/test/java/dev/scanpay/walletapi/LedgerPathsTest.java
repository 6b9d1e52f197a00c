package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.RefundBehaviour;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every path that moves money writes exactly one ledger entry per movement, whoever triggers it: the merchant's
 * pay, the status sweeper's inquiry, the wallet's notifyPayment, the merchant's cancel of a paid payment, a
 * refund answered at once or resolved by the sweeper, and a late success the gateway cancels (captured and
 * reversed). Paths that move nothing (a decline, a close of an unpaid order, a refused refund, duplicates)
 * write none. Through the real Lambda handler, with the wallet simulator over loopback HTTP.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerPathsTest {

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private SignedWallet wallet;
    private LedgerStore ledger;

    @BeforeAll
    void start() {
        gateway = new GatewayHarness();
        merchant = gateway.merchant("MERCHANT_LEDGER");
        wallet = gateway.walletCaller();
        ledger = new LedgerStore(gateway.dynamoClient, gateway.table);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    /** The ledger entries of one payment, by type, from its client's business day (of the harness clock). */
    private Map<LedgerEntryType, List<LedgerEntry>> entriesOf(String paymentId) {
        List<LedgerEntry> day = new ArrayList<>();
        ledger.forEachOfClient("MERCHANT_LEDGER", BusinessDay.ALIPAY.of(gateway.now()), day::add);
        return day.stream().filter(e -> e.paymentId().equals(paymentId)).collect(Collectors.groupingBy(LedgerEntry::type));
    }

    private String pay(String customer, String requestId, String currency, long minor) {
        Answer answer = merchant.call("pay", userPresented(requestId, currency, minor, gateway.wallet.issuePaymentCode(customer)));
        return answer.get("paymentId");
    }

    private Answer refund(String refundRequestId, String paymentId, String currency, long minor) {
        return merchant.call("refund", Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", currency, "value", Long.toString(minor))));
    }

    @SuppressWarnings("unchecked")
    private String[] orderCodeFor(String requestId, String currency, long minor) {
        Answer answer = merchant.call("pay", orderCode(requestId, currency, minor));
        List<Map<String, Object>> details = (List<Map<String, Object>>) answer.object("orderCodeForm").get("codeDetails");
        return new String[] {answer.get("paymentId"), (String) details.get(0).get("codeValue")};
    }

    @Test
    void aPaidPayIsOneCapture() {
        String paymentId = pay("alice", "LP-1", "USD", 1250);

        assertThat(entriesOf(paymentId)).containsOnlyKeys(LedgerEntryType.CAPTURE);
        LedgerEntry capture = entriesOf(paymentId).get(LedgerEntryType.CAPTURE).get(0);
        assertThat(capture.amount()).isEqualTo(Money.of(1250, "USD"));
        assertThat(capture.walletId()).isEqualTo(gateway.wallet.walletId());
        assertThat(capture.walletPaymentId()).isEqualTo(gateway.payment(paymentId).walletPaymentId()).isNotNull();
        assertThat(capture.paymentRequestId()).isEqualTo("LP-1");
        assertThat(merchant.callMalformed("pay", userPresented("LP-1", "USD", 1250, "")).resultCode())
                .as("a repeated pay").isNotNull();
        assertThat(entriesOf(paymentId).get(LedgerEntryType.CAPTURE)).hasSize(1);
    }

    @Test
    void aPaymentInProcessResolvedByTheSweeperIsOneCapture() {
        gateway.wallet.configureCustomer("ivy", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS)
                .settleAfter(Duration.ofSeconds(5)).build());
        String paymentId = pay("ivy", "LP-2", "JPY", 880);
        assertThat(entriesOf(paymentId)).as("nothing moved yet").isEmpty();

        gateway.clock.advance(Duration.ofSeconds(6));
        gateway.sweep();
        gateway.sweep();

        assertThat(entriesOf(paymentId)).containsOnlyKeys(LedgerEntryType.CAPTURE);
        assertThat(entriesOf(paymentId).get(LedgerEntryType.CAPTURE)).hasSize(1);
    }

    @Test
    void aDeclineMovesNothing() {
        gateway.wallet.configureCustomer("dan", CustomerSettings.builder().behaviour(Behaviour.DECLINE).build());
        String paymentId = pay("dan", "LP-3", "USD", 500);

        assertThat(entriesOf(paymentId)).isEmpty();
    }

    @Test
    void aCancelOfAPaidPaymentIsOneReversal() {
        String paymentId = pay("alice", "LP-4", "KWD", 12345);

        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "LP-4")).resultCode()).isEqualTo("SUCCESS");
        merchant.call("cancel", Map.of("paymentRequestId", "LP-4"));
        gateway.clock.advance(Duration.ofSeconds(3));
        gateway.sweep();

        Map<LedgerEntryType, List<LedgerEntry>> entries = entriesOf(paymentId);
        assertThat(entries).containsOnlyKeys(LedgerEntryType.CAPTURE, LedgerEntryType.REVERSAL);
        assertThat(entries.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        assertThat(entries.values().stream().flatMap(List::stream).mapToLong(LedgerEntry::signedMinor).sum()).isZero();
    }

    @Test
    void refundsAnsweredAtOnceOrResolvedByTheSweeperAreOneEntryEachAndARefusedOneNone() {
        String paymentId = pay("gus", "LP-5", "USD", 3000);
        assertThat(refund("LP-5-R1", paymentId, "USD", 1000).resultCode()).isEqualTo("SUCCESS");
        refund("LP-5-R1", paymentId, "USD", 1000);
        gateway.wallet.configureCustomer("gus", CustomerSettings.builder()
                .refundBehaviour(RefundBehaviour.REFUND_IN_PROCESS).settleAfter(Duration.ofSeconds(10)).build());
        assertThat(refund("LP-5-R2", paymentId, "USD", 500).resultStatus()).isEqualTo("U");
        gateway.clock.advance(Duration.ofSeconds(11));
        gateway.sweep();
        gateway.wallet.configureCustomer("gus", CustomerSettings.builder().refundBehaviour(RefundBehaviour.REFUND_DECLINE).build());
        assertThat(refund("LP-5-R3", paymentId, "USD", 100).resultStatus()).isEqualTo("F");

        List<LedgerEntry> refunds = entriesOf(paymentId).get(LedgerEntryType.REFUND);
        assertThat(refunds).extracting(LedgerEntry::refundRequestId).containsExactlyInAnyOrder("LP-5-R1", "LP-5-R2");
        assertThat(refunds).extracting(LedgerEntry::signedMinor).containsExactlyInAnyOrder(-1000L, -500L);
        assertThat(entriesOf(paymentId).get(LedgerEntryType.CAPTURE)).hasSize(1);
    }

    @Test
    void anOrderCodePaidByTheWalletsNotificationIsOneCaptureEvenWhenNotifiedTwice() {
        String[] code = orderCodeFor("LP-6", "JPY", 1200);
        wallet.userInitiatedPay(code[1], "alice");
        wallet.notifySuccess(code[0], Money.of(1200, "JPY"), "alice");
        wallet.notifySuccess(code[0], Money.of(1200, "JPY"), "alice");

        assertThat(entriesOf(code[0])).containsOnlyKeys(LedgerEntryType.CAPTURE);
        assertThat(entriesOf(code[0]).get(LedgerEntryType.CAPTURE)).hasSize(1);
    }

    @Test
    void aLateSuccessAfterACancelIsCapturedAndReversedOnce() {
        String[] code = orderCodeFor("LP-7", "USD", 990);
        wallet.userInitiatedPay(code[1], "alice");
        assertThat(merchant.call("cancel", Map.of("paymentRequestId", "LP-7")).resultCode()).isEqualTo("SUCCESS");
        assertThat(entriesOf(code[0])).as("closing an unpaid order moves nothing").isEmpty();

        wallet.notifySuccess(code[0], Money.of(990, "USD"), "alice");
        wallet.notifySuccess(code[0], Money.of(990, "USD"), "alice");

        Map<LedgerEntryType, List<LedgerEntry>> entries = entriesOf(code[0]);
        assertThat(entries).containsOnlyKeys(LedgerEntryType.LATE_CAPTURE, LedgerEntryType.LATE_REVERSAL);
        assertThat(entries.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    }
}
