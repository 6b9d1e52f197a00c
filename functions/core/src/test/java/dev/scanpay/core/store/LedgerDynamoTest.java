package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.rules.RefundMachine;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The ledger against DynamoDB Local: every store write that moves money writes its entry in the same
 * transaction, exactly once, filed under the business day (UTC+8) of its time, readable by client day and by
 * wallet day with a Query each.
 */
@Tag("integration")
class LedgerDynamoTest {

    /** 23:59:59.999 on 2026-11-23 in UTC+8. */
    static final Instant LAST_MS_OF_23 = Instant.parse("2026-11-23T15:59:59.999Z");
    static final LocalDate D23 = LocalDate.parse("2026-11-23");
    static final LocalDate D24 = LocalDate.parse("2026-11-24");
    static final String CLIENT = TestPayments.CLIENT_ID;
    static final String WALLET = TestPayments.WALLET_ID;

    private static DynamoDbClient client;
    private String table;
    private PaymentStore payments;
    private RefundStore refunds;
    private LedgerStore ledger;

    @BeforeAll
    static void startDynamo() {
        client = EmbeddedDynamo.shared().client();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void freshTable() {
        table = DynamoTables.fresh(client);
        payments = new PaymentStore(client, table);
        refunds = new RefundStore(client, table);
        ledger = new LedgerStore(client, table);
    }

    private Payment created(String id, Instant at, Money amount) {
        return ((PaymentStore.Created) payments.create(TestPayments.processing(id, at).amount(amount).build(), "h-" + id)).payment();
    }

    private Payment apply(Payment p, Step<Payment> step) {
        return ((PaymentStore.Applied) payments.replace(step.edge(), p, step.next(), List.of())).payment();
    }

    private Payment paid(String id, Instant at, Money amount) {
        Payment p = created(id, at.minusSeconds(5), amount);
        return apply(p, PaymentMachine.walletAnswered(p, new WalletOutcome.Paid("W-" + id, at, "alice"), "SIM", at));
    }

    private List<LedgerEntry> clientDay(LocalDate day) {
        List<LedgerEntry> entries = new ArrayList<>();
        ledger.forEachOfClient(CLIENT, day, entries::add);
        return entries;
    }

    private List<LedgerEntry> walletDay(LocalDate day) {
        List<LedgerEntry> entries = new ArrayList<>();
        ledger.forEachOfWallet(WALLET, day, entries::add);
        return entries;
    }

    @Test
    void aCaptureAtTheLastMillisecondOfTheDayIsThatDaysAndOneAtMidnightTheNextOnes() {
        paid("P-late", LAST_MS_OF_23, Money.of(1000, "JPY"));
        paid("P-midnight", LAST_MS_OF_23.plusMillis(1), Money.of(1250, "USD"));

        assertThat(clientDay(D23)).extracting(LedgerEntry::entryId).containsExactly("CAPTURE-P-late");
        assertThat(clientDay(D24)).extracting(LedgerEntry::entryId).containsExactly("CAPTURE-P-midnight");
        assertThat(walletDay(D23)).extracting(LedgerEntry::entryId).containsExactly("CAPTURE-P-late");
        assertThat(walletDay(D24)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(LedgerEntryType.CAPTURE);
            assertThat(e.amount()).isEqualTo(Money.of(1250, "USD"));
            assertThat(e.time()).isEqualTo(LAST_MS_OF_23.plusMillis(1));
            assertThat(e.walletPaymentId()).isEqualTo("W-P-midnight");
            assertThat(e.paymentRequestId()).isEqualTo("PR-P-midnight");
            assertThat(e.referenceMerchantId()).isEqualTo("seller231117459");
            assertThat(e.referenceStoreId()).isEqualTo("store231117459");
            assertThat(e.businessDay()).isEqualTo(D24);
        });
    }

    @Test
    void theZoneIsASetting() {
        PaymentStore utc = new PaymentStore(client, table, new BusinessDay(java.time.ZoneOffset.UTC));
        Payment p = created("P-utc", LAST_MS_OF_23.minusSeconds(5), Money.of(5, "KWD"));
        Step<Payment> step = PaymentMachine.walletAnswered(p, new WalletOutcome.Paid("W", LAST_MS_OF_23, "alice"), "SIM", LAST_MS_OF_23);
        utc.replace(step.edge(), p, step.next(), List.of());

        assertThat(clientDay(D23)).extracting(LedgerEntry::entryId).containsExactly("CAPTURE-P-utc");
    }

    @Test
    void aDeclineOrACloseOfAnUnpaidPaymentMovesNothing() {
        Payment declined = created("P-declined", LAST_MS_OF_23.minusSeconds(60), Money.of(1000, "JPY"));
        apply(declined, PaymentMachine.walletAnswered(declined, new WalletOutcome.Declined("USER_BALANCE_NOT_ENOUGH", "no"),
                "SIM", LAST_MS_OF_23.minusSeconds(50)));
        Payment closed = created("P-closed", LAST_MS_OF_23.minusSeconds(60), Money.of(1000, "JPY"));
        Payment cancelled = apply(closed, PaymentMachine.cancel(closed, ClosedBy.TIMEOUT, LAST_MS_OF_23.minusSeconds(30)));
        apply(cancelled, PaymentMachine.cancelAttempted(cancelled, new WalletOutcome.Cancelled(), null, LAST_MS_OF_23.minusSeconds(20)));

        assertThat(clientDay(D23)).isEmpty();
    }

    @Test
    void aReversalOfAPaidPaymentIsOneCancelEntry() {
        Payment paid = paid("P-rev", LAST_MS_OF_23.minusSeconds(100), Money.of(999, "USD"));
        Payment reversed = apply(paid, PaymentMachine.merchantCancels(paid, LAST_MS_OF_23.minusSeconds(10)));
        apply(reversed, PaymentMachine.cancelAttempted(reversed, new WalletOutcome.Cancelled(), null, LAST_MS_OF_23.minusSeconds(5)));

        assertThat(clientDay(D23)).extracting(LedgerEntry::entryId, e -> e.type().transactionType(), LedgerEntry::signedMinor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CAPTURE-P-rev", "PAYMENT", 999L),
                        org.assertj.core.groups.Tuple.tuple("REVERSAL-P-rev", "CANCEL", -999L));
    }

    @Test
    void aLateSuccessOnAClosedPaymentIsCapturedAndReversedAtOnceAndADuplicateAddsNothing() {
        Payment p = created("P-lateok", LAST_MS_OF_23.minusSeconds(200), Money.of(1000, "JPY"));
        Payment closed = apply(p, PaymentMachine.cancel(p, ClosedBy.TIMEOUT, LAST_MS_OF_23.minusSeconds(100)));
        WalletOutcome.Paid late = new WalletOutcome.Paid("W-lateok", LAST_MS_OF_23.minusSeconds(90), "alice");
        Payment recorded = apply(closed, PaymentMachine.walletAnswered(closed, late, "SIM", LAST_MS_OF_23.minusSeconds(50)));
        Step<Payment> again = PaymentMachine.walletAnswered(recorded, late, "SIM", LAST_MS_OF_23.minusSeconds(40));

        assertThat(again.edge()).as("a repeat of the late success changes nothing").isNull();
        List<LedgerEntry> day = clientDay(D23);
        assertThat(day).extracting(LedgerEntry::type).containsExactlyInAnyOrder(LedgerEntryType.LATE_CAPTURE, LedgerEntryType.LATE_REVERSAL);
        assertThat(day.stream().mapToLong(LedgerEntry::signedMinor).sum()).isZero();
        assertThat(day).allSatisfy(e -> assertThat(e.walletPaymentId()).isEqualTo("W-lateok"));
    }

    @Test
    void anOrderAWalletPaidWithoutTakingItIsCapturedAndReversed() {
        Payment code = ((PaymentStore.Created) payments.create(TestPayments.processing("P-untaken", LAST_MS_OF_23.minusSeconds(100))
                .status(dev.scanpay.core.model.payment.PaymentStatus.CREATED).build(), "h")).payment();
        Payment recorded = apply(code, PaymentMachine.walletAnswered(code,
                new WalletOutcome.Paid("W-untaken", LAST_MS_OF_23.minusSeconds(60), "bob"), "SIM", LAST_MS_OF_23.minusSeconds(50)));

        assertThat(recorded.lateSuccessAt()).isNotNull();
        assertThat(clientDay(D23)).extracting(LedgerEntry::type)
                .containsExactlyInAnyOrder(LedgerEntryType.LATE_CAPTURE, LedgerEntryType.LATE_REVERSAL);
    }

    @Test
    void aRefundOnTheNextDayOfItsPaymentIsFiledOnThatNextDayOnceAndAFailedOneMovesNothing() {
        paid("P-ref", LAST_MS_OF_23.minusSeconds(10), Money.of(12345, "KWD"));
        Refund reserved = ((RefundStore.Reserved) refunds.reserve(refund("R-ok", "P-ref", 2345, LAST_MS_OF_23.minusSeconds(1)), 12345, "h1")).refund();
        Instant nextDay = LAST_MS_OF_23.plusSeconds(3600);
        Step<Refund> step = RefundMachine.walletAnswered(reserved, new RefundOutcome.Refunded("WR-1", nextDay), nextDay);
        Refund done = ((RefundStore.Applied) refunds.replace(step.edge(), reserved, step.next())).refund();
        assertThat(done.status()).isEqualTo(RefundStatus.SUCCESS);
        Refund other = ((RefundStore.Reserved) refunds.reserve(refund("R-no", "P-ref", 1000, nextDay), 12345, "h2")).refund();
        Step<Refund> refused = RefundMachine.walletAnswered(other, new RefundOutcome.Refused("RISK_REJECT", "no"), nextDay);
        refunds.replace(refused.edge(), other, refused.next());

        assertThat(clientDay(D23)).extracting(LedgerEntry::entryId).containsExactly("CAPTURE-P-ref");
        assertThat(clientDay(D24)).singleElement().satisfies(e -> {
            assertThat(e.entryId()).isEqualTo("REFUND-R-ok");
            assertThat(e.signedMinor()).isEqualTo(-2345);
            assertThat(e.refundRequestId()).isEqualTo("RR-R-ok");
            assertThat(e.paymentRequestId()).isEqualTo("PR-P-ref");
            assertThat(e.walletPaymentId()).isEqualTo("W-P-ref");
            assertThat(e.amount().currencyCode()).isEqualTo("KWD");
        });
        assertThat(walletDay(D24)).extracting(LedgerEntry::entryId).containsExactly("REFUND-R-ok");
    }

    @Test
    void anEntryIsWrittenAtMostOnce() {
        Payment p = paid("P-once", LAST_MS_OF_23, Money.of(1, "USD"));
        LedgerEntry entry = clientDay(D23).get(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                        software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(p2 -> p2.tableName(table)
                                .item(LedgerItems.toItem(entry)).conditionExpression(PaymentStore.NEW_ITEM_CONDITION)).build())))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(clientDay(D23)).hasSize(1);
        assertThat(p.status()).isEqualTo(dev.scanpay.core.model.payment.PaymentStatus.SUCCESS);
    }

    private static Refund refund(String refundId, String paymentId, long minor, Instant at) {
        return Refund.builder().refundId(refundId).refundRequestId("RR-" + refundId).clientId(CLIENT)
                .paymentId(paymentId).walletId(WALLET).amount(Money.of(minor, "KWD"))
                .status(RefundStatus.PROCESSING).createdAt(at).updatedAt(at).nextCheckAt(at.plusSeconds(6)).build();
    }
}
