package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.RecordingDynamo;
import dev.scanpay.core.testing.RecordingDynamo.Write;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conditions the stores really send, read off the requests themselves (a recording client over DynamoDB
 * Local), written out here as literals: a fixed race stays fixed only while these do not change.
 */
@Tag("integration")
class StoreConditionsDynamoTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private RecordingDynamo recording;
    private PaymentStore payments;
    private RefundStore refunds;
    private NotificationStore notifications;
    private CodeStore codes;
    private EntryCodeStore entryCodes;

    @BeforeEach
    void stores() {
        recording = new RecordingDynamo(EmbeddedDynamo.shared().client());
        String table = DynamoTables.fresh(recording.client());
        payments = new PaymentStore(recording.client(), table);
        refunds = new RefundStore(recording.client(), table);
        notifications = new NotificationStore(recording.client(), table);
        codes = new CodeStore(recording.client(), table);
        entryCodes = new EntryCodeStore(recording.client(), table);
        recording.take();
    }

    private Payment created(String paymentId) {
        Payment payment = ((PaymentStore.Created) payments.create(TestPayments.processing(paymentId, NOW).build(), "h")).payment();
        recording.take();
        return payment;
    }

    @Test
    void aPaymentAndItsRequestKeyAreCreatedOnlyIfNeitherExists() {
        payments.create(TestPayments.processing("PC-1", NOW).build(), "h");

        assertThat(recording.take()).extracting(Write::kind, w -> w.pk().replaceAll("#.*", "#"), Write::condition)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Put", "PAY#", "attribute_not_exists(pk)"),
                        org.assertj.core.groups.Tuple.tuple("Put", "REQ#", "attribute_not_exists(pk)"));
    }

    @Test
    void aTransitionIsConditionalOnTheVersionAndStatusItWasReadAt() {
        Payment processing = created("PC-2");

        payments.replace(processing, processing.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build());

        Write write = recording.take().get(0);
        assertThat(write.kind()).isEqualTo("Put");
        assertThat(write.pk()).isEqualTo("PAY#PC-2");
        assertThat(write.condition()).isEqualTo("#version = :expectedVersion AND #status = :expectedStatus");
        assertThat(write.value(":expectedVersion")).isEqualTo(Long.toString(processing.version()));
        assertThat(write.value(":expectedStatus")).isEqualTo("PROCESSING");
    }

    @Test
    void reversingAPaidPaymentAlsoNeedsNoRefund() {
        Payment processing = created("PC-3");
        Payment paid = ((PaymentStore.Applied) payments.replace(processing,
                processing.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build())).payment();
        recording.take();

        payments.replace(paid, paid.toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.MERCHANT).build());

        Write write = recording.take().get(0);
        assertThat(write.condition()).isEqualTo("#version = :expectedVersion AND #status = :expectedStatus AND #refunded = :noRefunds");
        assertThat(write.value(":expectedStatus")).isEqualTo("SUCCESS");
        assertThat(write.value(":noRefunds")).isEqualTo("0");
    }

    @Test
    void aRefundReservesOnlyOnAPaidUncancelledPaymentWithRoomForIt() {
        Payment processing = created("PC-4");
        Payment paid = ((PaymentStore.Applied) payments.replace(processing,
                processing.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build())).payment();
        recording.take();
        Refund refund = Refund.builder().refundId("RF-4").refundRequestId("RR-4").clientId(TestPayments.CLIENT_ID)
                .paymentId("PC-4").walletId(TestPayments.WALLET_ID).amount(Money.of(300, paid.amount().currencyCode()))
                .status(RefundStatus.PROCESSING).createdAt(NOW).updatedAt(NOW).nextCheckAt(NOW.plusSeconds(6)).build();

        refunds.reserve(refund, paid.amount().minor(), "rh");

        List<Write> writes = recording.take();
        Write reserve = writes.stream().filter(w -> w.kind().equals("Update") && w.pk().equals("PAY#PC-4")).findFirst().orElseThrow();
        assertThat(reserve.condition()).isEqualTo("#status = :paid AND #cancelState = :noCancel AND #refunded <= :limit");
        assertThat(reserve.value(":limit")).as("paid minus this refund").isEqualTo(Long.toString(paid.amount().minor() - 300));
        assertThat(writes).filteredOn(w -> w.kind().equals("Put"))
                .allSatisfy(w -> assertThat(w.condition()).isEqualTo("attribute_not_exists(pk)")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aNotificationMovesOnlyFromTheVersionItWasReadAtAndASuccessOnlyWhilePaid() {
        Payment processing = created("PC-5");
        MerchantNotification n = new MerchantNotification("N-5", "PC-5", TestPayments.CLIENT_ID, "https://m.example/n", "{}",
                "S", NotificationStatus.PENDING, 0, NOW, NOW, null, null, 0);
        recording.client().putItem(b -> b.tableName(codes.table()).item(notifications.item(n)));
        recording.take();

        notifications.replaceWhilePaid(n, n.with(NotificationStatus.PENDING, 1, NOW.plusSeconds(15), null, null));

        List<Write> writes = recording.take();
        assertThat(writes).extracting(Write::kind, Write::pk, Write::condition).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Put", "NTF#N-5", "#version = :expected"),
                org.assertj.core.groups.Tuple.tuple("ConditionCheck", "PAY#PC-5", "#status = :paid"));
        assertThat(writes).filteredOn(w -> w.kind().equals("ConditionCheck")).singleElement()
                .satisfies(w -> assertThat(w.value(":paid")).isEqualTo("SUCCESS"));
        assertThat(processing.status()).isEqualTo(PaymentStatus.PROCESSING);
    }

    @Test
    void aNotificationAttemptDeadLetterAndRequeueEachMoveOnlyFromTheVersionReadAt() {
        MerchantNotification n = new MerchantNotification("N-6", "PC-6", TestPayments.CLIENT_ID, "https://m.example/n", "{}",
                "F", NotificationStatus.PENDING, 0, NOW, NOW, null, null, 0);
        recording.client().putItem(b -> b.tableName(codes.table()).item(notifications.item(n)));
        recording.take();

        MerchantNotification claimed = notifications.replace(n, n.with(NotificationStatus.PENDING, 1, NOW.plusSeconds(15), null, null))
                .orElseThrow();
        assertThat(recording.take()).extracting(Write::kind, Write::pk, Write::condition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Put", "NTF#N-6", "#version = :expected"));

        MerchantNotification dead = notifications.deadLetter(claimed,
                claimed.with(NotificationStatus.DEAD_LETTERED, 1, null, null, "TIMEOUT")).orElseThrow();
        List<Write> deadLettering = recording.take();
        assertThat(deadLettering).extracting(Write::kind, Write::condition).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Put", "#version = :expected"),
                org.assertj.core.groups.Tuple.tuple("Put", null));
        assertThat(deadLettering).filteredOn(w -> "#version = :expected".equals(w.condition())).singleElement()
                .satisfies(w -> assertThat(w.value(":expected")).isEqualTo("1"));

        notifications.requeue(dead, dead.with(NotificationStatus.PENDING, 1, NOW, null, "TIMEOUT")).orElseThrow();
        assertThat(recording.take()).extracting(Write::kind, Write::condition).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Put", "#version = :expected"),
                org.assertj.core.groups.Tuple.tuple("Delete", null));
    }

    @Test
    void codesAndAStoresEntryCodeAreWrittenOnlyOnce() {
        codes.put(new IssuedCode(CodeTokens.next(), CodeKind.ORDER, "https://x/c/t", TestPayments.CLIENT_ID, "PC-6", NOW.plusSeconds(300)));
        assertThat(recording.take()).singleElement().satisfies(w -> assertThat(w.condition()).isEqualTo("attribute_not_exists(pk)"));

        EntryCode code = new EntryCode(CodeTokens.next(), TestPayments.CLIENT_ID, "M-1", "Merchant", "5812", null, "S-1",
                "Store", "5812", null, Currency.getInstance("JPY"), null, NOW);
        entryCodes.register(code, "https://x/c/" + code.token());
        assertThat(recording.take()).extracting(w -> w.pk().replaceAll("#.*", "#"), Write::condition).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ENTRY#", "attribute_not_exists(pk)"),
                org.assertj.core.groups.Tuple.tuple("CODE#", "attribute_not_exists(pk)"));
    }

    @Test
    void aPagePaymentTakesAPlaceOnlyBelowTheCapAndGivesItBackAsItCloses() {
        EntryCode code = new EntryCode(CodeTokens.next(), TestPayments.CLIENT_ID, "M-1", "Merchant", "5812", null, "S-7",
                "Store", "5812", null, Currency.getInstance("JPY"), null, NOW);
        entryCodes.register(code, "https://x/c/" + code.token());
        recording.take();
        Payment payment = TestPayments.processing("PC-7", NOW).status(PaymentStatus.CREATED)
                .storeSlot(EntryCodeStore.slotOf(code)).build();

        Payment created = ((PaymentStore.Created) payments.create(payment, "h", List.of(), new PaymentStore.SlotCap(3))).payment();

        Write take = recording.take().stream().filter(w -> w.kind().equals("Update")).findFirst().orElseThrow();
        assertThat(take.pk()).startsWith("ENTRY#");
        assertThat(take.condition()).isEqualTo("attribute_exists(pk) AND (attribute_not_exists(#open) OR #open < :cap)");
        assertThat(take.value(":cap")).isEqualTo("3");

        payments.replace(created, created.toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.TIMEOUT).build());
        List<Write> close = recording.take();
        assertThat(close).extracting(Write::kind, Write::condition).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Put", "#version = :expectedVersion AND #status = :expectedStatus"),
                org.assertj.core.groups.Tuple.tuple("Update", null));
    }
}
