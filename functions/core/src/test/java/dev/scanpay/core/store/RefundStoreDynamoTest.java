package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.store.RefundStore.AlreadyRequested;
import dev.scanpay.core.store.RefundStore.Applied;
import dev.scanpay.core.store.RefundStore.Lost;
import dev.scanpay.core.store.RefundStore.Refused;
import dev.scanpay.core.store.RefundStore.Reservation;
import dev.scanpay.core.store.RefundStore.Reserved;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.Race;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** RefundStore against DynamoDB Local: the reservation, its release, and the races they must win or lose. */
@Tag("integration")
class RefundStoreDynamoTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static DynamoDbClient client;

    private PaymentStore payments;
    private RefundStore refunds;

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
        String table = DynamoTables.fresh(client);
        payments = new PaymentStore(client, table);
        refunds = new RefundStore(client, table);
    }

    /** A paid JPY 1000 payment, stored. */
    private Payment paid(String paymentId) {
        Payment processing = ((PaymentStore.Created) payments.create(TestPayments.processing(paymentId, NOW).build(),
                "hash-" + paymentId)).payment();
        return ((PaymentStore.Applied) payments.replace(processing, processing.toBuilder()
                .status(PaymentStatus.SUCCESS).paymentTime(NOW).build())).payment();
    }

    private static Refund refund(String refundId, String paymentId, long minor) {
        return Refund.builder().refundId(refundId).refundRequestId("RR-" + refundId).clientId(TestPayments.CLIENT_ID)
                .paymentId(paymentId).walletId(TestPayments.WALLET_ID).amount(Money.of(minor, "JPY"))
                .status(RefundStatus.PROCESSING).createdAt(NOW).updatedAt(NOW).nextCheckAt(NOW.plusSeconds(6)).build();
    }

    @Test
    void theConditionsArePinned() {
        assertThat(RefundStore.RESERVE_CONDITION).isEqualTo("#status = :paid AND #cancelState = :noCancel AND #refunded <= :limit");
        assertThat(RefundStore.TRANSITION_CONDITION).isEqualTo("#version = :expectedVersion AND #status = :expectedStatus");
        assertThat(PaymentStore.CANCEL_PAID_CONDITION)
                .isEqualTo("#version = :expectedVersion AND #status = :expectedStatus AND #refunded = :noRefunds");
    }

    @Test
    void aReservationAddsToThePaymentAndBumpsItsVersion() {
        Payment payment = paid("P1");

        Reservation reservation = refunds.reserve(refund("R1", "P1", 300), 1000, "h1");

        assertThat(reservation).isInstanceOf(Reserved.class);
        Payment after = payments.get("P1").orElseThrow();
        assertThat(after.refundedMinor()).isEqualTo(300);
        assertThat(after.version()).isEqualTo(payment.version() + 1);
        assertThat(refunds.byId("R1")).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RefundStatus.PROCESSING));
        assertThat(refunds.findByRequest(TestPayments.CLIENT_ID, "RR-R1")).isPresent();
        assertThat(refunds.byPayment("P1")).extracting(Refund::refundId).containsExactly("R1");
        assertThat(refunds.due(NOW.plusSeconds(6), 10)).extracting(Refund::refundId).containsExactly("R1");
        assertThat(payments.due(NOW.plusSeconds(6), 10)).as("payments' sweep does not see refunds").isEmpty();
    }

    @Test
    void aReservationBeyondThePaidAmountIsRefusedAndWritesNothing() {
        paid("P2");
        refunds.reserve(refund("R2a", "P2", 700), 1000, "h2a");

        Reservation reservation = refunds.reserve(refund("R2b", "P2", 301), 1000, "h2b");

        assertThat(reservation).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.payment().refundedMinor()).isEqualTo(700));
        assertThat(refunds.byId("R2b")).isEmpty();
        assertThat(refunds.findRequest(TestPayments.CLIENT_ID, "RR-R2b")).isEmpty();
        assertThat(payments.get("P2").orElseThrow().refundedMinor()).isEqualTo(700);
    }

    @Test
    void aUsedRequestIdComesBackWithItsKey() {
        paid("P3");
        refunds.reserve(refund("R3", "P3", 100), 1000, "h3");
        Refund again = refund("R3-other", "P3", 100).toBuilder().refundRequestId("RR-R3").build();

        Reservation reservation = refunds.reserve(again, 1000, "h3");

        assertThat(reservation).isInstanceOfSatisfying(AlreadyRequested.class,
                a -> assertThat(a.key().refundId()).isEqualTo("R3"));
        assertThat(payments.get("P3").orElseThrow().refundedMinor()).isEqualTo(100);
    }

    @Test
    void aCancelledPaymentTakesNoReservation() {
        Payment payment = paid("P4");
        payments.replace(payment, payment.toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.MERCHANT).build());

        assertThat(refunds.reserve(refund("R4", "P4", 100), 1000, "h4")).isInstanceOf(Refused.class);
    }

    @Test
    void aCancelFromAStateReadBeforeAReservationLoses() {
        Payment readBeforeRefund = paid("P5");
        refunds.reserve(refund("R5", "P5", 100), 1000, "h5");

        PaymentStore.Transition cancel = payments.replace(readBeforeRefund,
                readBeforeRefund.toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.MERCHANT).build());

        assertThat(cancel).isInstanceOfSatisfying(PaymentStore.Lost.class,
                lost -> assertThat(lost.current().refundedMinor()).isEqualTo(100));
        assertThat(payments.get("P5").orElseThrow().status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void failingARefundReleasesItsAmountInTheSameWrite() {
        paid("P6");
        Refund reserved = ((Reserved) refunds.reserve(refund("R6", "P6", 400), 1000, "h6")).refund();

        RefundStore.Transition failed = refunds.replace(reserved, reserved.toBuilder().status(RefundStatus.FAIL)
                .result("PROCESS_FAIL", "declined").nextCheckAt(null).build());

        assertThat(failed).isInstanceOf(Applied.class);
        assertThat(payments.get("P6").orElseThrow().refundedMinor()).isZero();
        assertThat(refunds.due(NOW.plusSeconds(60), 10)).isEmpty();
        RefundStore.Transition again = refunds.replace(reserved, reserved.toBuilder().status(RefundStatus.FAIL).build());
        assertThat(again).as("released once only").isInstanceOf(Lost.class);
        assertThat(payments.get("P6").orElseThrow().refundedMinor()).isZero();
    }

    @Test
    void twentyRacingReservationsNeverExceedThePayment() throws Exception {
        paid("P7");
        List<Callable<Reservation>> attempts = IntStream.range(0, 20)
                .<Callable<Reservation>>mapToObj(i -> () -> refunds.reserve(refund("R7-" + i, "P7", 150), 1000, "h7-" + i))
                .toList();

        List<Reservation> results = Race.run(attempts);

        assertThat(results).filteredOn(r -> r instanceof Reserved).hasSize(6);
        assertThat(results).filteredOn(r -> r instanceof Refused).hasSize(14);
        assertThat(payments.get("P7").orElseThrow().refundedMinor()).isEqualTo(900);
        assertThat(refunds.byPayment("P7")).hasSize(6);
    }
}
