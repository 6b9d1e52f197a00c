package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.rules.NotificationMachine;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.rules.RefundMachine;
import dev.scanpay.core.rules.UndeclaredEdgeException;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.RecordingDynamo;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each store refuses a write whose move is not an edge of its record's machine (rules.PaymentMachine,
 * RefundMachine, NotificationMachine) before anything is sent: the recording client sees no request at all.
 */
@Tag("integration")
class StoreRefusesUndeclaredEdgesDynamoTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private RecordingDynamo recording;
    private String table;
    private PaymentStore payments;
    private RefundStore refunds;
    private NotificationStore notifications;

    @BeforeEach
    void stores() {
        recording = new RecordingDynamo(EmbeddedDynamo.shared().client());
        table = DynamoTables.fresh(recording.client());
        payments = new PaymentStore(recording.client(), table);
        refunds = new RefundStore(recording.client(), table);
        notifications = new NotificationStore(recording.client(), table);
        recording.take();
    }

    private Payment stored(Payment payment) {
        Payment created = ((PaymentStore.Created) payments.create(payment, "h")).payment();
        recording.take();
        return created;
    }

    @Test
    void aPaymentMoveNoEdgeMakesIsRefusedWithoutAWrite() {
        Payment failed = stored(TestPayments.processing("PU-1", NOW).status(PaymentStatus.FAIL).build());

        assertThatThrownBy(() -> payments.replace(failed, failed.toBuilder().status(PaymentStatus.SUCCESS).build()))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal transition FAIL -> SUCCESS");
        assertThat(recording.take()).isEmpty();
        assertThat(payments.get("PU-1")).contains(failed);
    }

    @Test
    void aPaymentMoveWithItsOutboxIsRefusedWithoutAWrite() {
        Payment paid = stored(TestPayments.processing("PU-2", NOW).status(PaymentStatus.SUCCESS).build());
        Map<String, AttributeValue> outbox = notifications.item(new MerchantNotification("N-PU-2", "PU-2",
                TestPayments.CLIENT_ID, "https://m.example/n", "{}", "S", NotificationStatus.PENDING, 0, NOW, NOW, null, null, 0));

        assertThatThrownBy(() -> payments.replace(paid, paid.toBuilder().status(PaymentStatus.PROCESSING).build(), List.of(outbox)))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal transition SUCCESS -> PROCESSING");
        assertThat(recording.take()).isEmpty();
    }

    @Test
    void aPaymentWriteByAnEdgeThatDoesNotMakeTheMoveIsRefusedWithoutAWrite() {
        Payment processing = stored(TestPayments.processing("PU-3", NOW).build());
        Payment cancelled = processing.toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.MERCHANT)
                .cancelState(CancelState.PENDING).build();

        assertThatThrownBy(() -> payments.replace(PaymentMachine.WALLET_PAID, processing, cancelled, List.of()))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal transition PROCESSING -> CANCELLED_CANCEL_PENDING by walletPaid");
        assertThatThrownBy(() -> payments.replace(RefundMachine.WALLET_REFUNDED, processing, cancelled, List.of()))
                .as("an edge of another machine")
                .isInstanceOf(UndeclaredEdgeException.class);
        assertThat(recording.take()).isEmpty();
        assertThat(payments.get("PU-3")).contains(processing);
    }

    @Test
    void aPaymentInAStateTheMachineDoesNotDeclareIsRefusedWithoutAWrite() {
        Payment cancelled = stored(TestPayments.processing("PU-4", NOW).status(PaymentStatus.CANCELLED).build());

        // a late success is recorded together with the wallet cancel it owes, never alone
        assertThatThrownBy(() -> payments.replace(cancelled, cancelled.toBuilder().lateSuccessAt(NOW).build()))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessageContaining("not a declared state");
        assertThat(recording.take()).isEmpty();
    }

    private Refund reservedRefund(String paymentId) {
        Payment paid = stored(TestPayments.processing(paymentId, NOW).status(PaymentStatus.SUCCESS).paymentTime(NOW).build());
        Refund refund = Refund.builder().refundId("RF-" + paymentId).refundRequestId("RR-" + paymentId)
                .clientId(TestPayments.CLIENT_ID).paymentId(paymentId).walletId(TestPayments.WALLET_ID)
                .amount(Money.of(300, paid.amount().currencyCode())).status(RefundStatus.PROCESSING)
                .createdAt(NOW).updatedAt(NOW).nextCheckAt(NOW.plusSeconds(6)).build();
        Refund reserved = ((RefundStore.Reserved) refunds.reserve(refund, paid.amount().minor(), "rh")).refund();
        recording.take();
        return reserved;
    }

    @Test
    void aRefundMoveNoEdgeMakesIsRefusedWithoutAWrite() {
        Refund reserved = reservedRefund("PU-5");
        Refund refunded = ((RefundStore.Applied) refunds.replace(RefundMachine.WALLET_REFUNDED, reserved,
                reserved.toBuilder().status(RefundStatus.SUCCESS).build())).refund();
        recording.take();

        // a refused refund releases its amount on the payment: never after the wallet refunded it
        assertThatThrownBy(() -> refunds.replace(refunded, refunded.toBuilder().status(RefundStatus.FAIL).build()))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal refund transition SUCCESS -> FAIL");
        assertThatThrownBy(() -> refunds.replace(refunded, refunded.toBuilder().status(RefundStatus.PROCESSING).build()))
                .isInstanceOf(UndeclaredEdgeException.class);
        assertThat(recording.take()).isEmpty();
        assertThat(refunds.get("PU-5", reserved.refundId())).contains(refunded);
    }

    @Test
    void aRefundIsReservedOnlyAsItEntersItsMachine() {
        Payment paid = stored(TestPayments.processing("PU-7", NOW).status(PaymentStatus.SUCCESS).paymentTime(NOW).build());
        Refund alreadyRefunded = Refund.builder().refundId("RF-PU-7").refundRequestId("RR-PU-7")
                .clientId(TestPayments.CLIENT_ID).paymentId("PU-7").walletId(TestPayments.WALLET_ID)
                .amount(Money.of(300, paid.amount().currencyCode())).status(RefundStatus.SUCCESS)
                .createdAt(NOW).updatedAt(NOW).build();

        assertThatThrownBy(() -> refunds.reserve(alreadyRefunded, paid.amount().minor(), "rh"))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal refund transition [*] -> SUCCESS by requested");
        assertThat(recording.take()).isEmpty();
        assertThat(payments.get("PU-7")).contains(paid);
    }

    @Test
    void aRefundWriteByAnEdgeThatDoesNotMakeTheMoveIsRefusedWithoutAWrite() {
        Refund reserved = reservedRefund("PU-6");

        assertThatThrownBy(() -> refunds.replace(RefundMachine.WALLET_REFUNDED, reserved,
                reserved.toBuilder().status(RefundStatus.FAIL).build()))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal refund transition PROCESSING -> FAIL by walletRefunded");
        assertThat(recording.take()).isEmpty();
        assertThat(refunds.get("PU-6", reserved.refundId())).contains(reserved);
    }

    private MerchantNotification storedNotification(String id, NotificationStatus status) {
        MerchantNotification n = new MerchantNotification(id, "PU-N", TestPayments.CLIENT_ID, "https://m.example/n", "{}",
                "S", status, 1, NOW, status == NotificationStatus.PENDING ? NOW : null, null, null, 0);
        recording.client().putItem(b -> b.tableName(table).item(notifications.item(n)));
        recording.take();
        return n;
    }

    @Test
    void aNotificationMoveNoEdgeMakesIsRefusedWithoutAWrite() {
        MerchantNotification delivered = storedNotification("N-U1", NotificationStatus.DELIVERED);
        MerchantNotification superseded = storedNotification("N-U2", NotificationStatus.SUPERSEDED);
        MerchantNotification pending = storedNotification("N-U3", NotificationStatus.PENDING);

        assertThatThrownBy(() -> notifications.replace(delivered, delivered.with(NotificationStatus.SUPERSEDED, 1, null, null, null)))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal notification transition DELIVERED -> SUPERSEDED");
        assertThatThrownBy(() -> notifications.requeue(superseded, superseded.with(NotificationStatus.PENDING, 0, NOW, null, null)))
                .as("a superseded success is never sent")
                .isInstanceOf(UndeclaredEdgeException.class);
        assertThatThrownBy(() -> notifications.deadLetter(delivered, delivered.with(NotificationStatus.DEAD_LETTERED, 1, null, null, "x")))
                .isInstanceOf(UndeclaredEdgeException.class);
        assertThatThrownBy(() -> notifications.replaceWhilePaid(pending, pending.with(NotificationStatus.DELIVERED, 1, null, NOW, null)))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal notification transition PENDING -> DELIVERED by attemptClaimed");
        assertThatThrownBy(() -> notifications.apply(delivered, NotificationMachine.ATTEMPT_FAILED.to(
                delivered.with(NotificationStatus.PENDING, 2, NOW, null, "x"))))
                .isInstanceOf(UndeclaredEdgeException.class)
                .hasMessage("illegal notification transition DELIVERED -> PENDING by attemptFailed");
        assertThat(recording.take()).isEmpty();
        assertThat(notifications.get("N-U1")).contains(delivered);
        assertThat(notifications.get("N-U2")).contains(superseded);
        assertThat(notifications.get("N-U3")).contains(pending);
    }
}
