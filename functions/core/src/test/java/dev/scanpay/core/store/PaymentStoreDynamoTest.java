package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.payment.WalletCustomer;
import dev.scanpay.core.store.PaymentStore.AlreadyRequested;
import dev.scanpay.core.store.PaymentStore.Applied;
import dev.scanpay.core.store.PaymentStore.Created;
import dev.scanpay.core.store.PaymentStore.Creation;
import dev.scanpay.core.store.PaymentStore.Lost;
import dev.scanpay.core.store.PaymentStore.RequestKey;
import dev.scanpay.core.store.PaymentStore.Transition;
import dev.scanpay.core.testing.ConflictInjectingDynamo;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.testing.MutableClock;
import dev.scanpay.core.testing.Race;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** PaymentStore against DynamoDB Local running in this JVM; each test gets a table of its own. */
@Tag("integration")
class PaymentStoreDynamoTest {

    private static DynamoDbClient client;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private PaymentStore store;

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
        store = new PaymentStore(client, DynamoTables.fresh(client));
    }

    static String nextPaymentId() {
        return String.format("20261123020000%014d", IDS.incrementAndGet());
    }

    Payment processing() {
        return TestPayments.processing(nextPaymentId(), clock.instant()).build();
    }

    Payment created(Payment payment) {
        Creation creation = store.create(payment, "hash-" + payment.paymentId());
        assertThat(creation).isInstanceOf(Created.class);
        return ((Created) creation).payment();
    }

    /** Every field set, none to its default, each instant different and whole milliseconds. */
    Payment everyFieldSet() {
        Instant t = clock.instant();
        return Payment.builder()
                .paymentId(nextPaymentId())
                .clientId(TestPayments.CLIENT_ID)
                .paymentRequestId("PR20190528000000001")
                .scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(1234, "USD"))
                .status(PaymentStatus.CANCELLED)
                .result("ORDER_IS_CLOSED", "closed: no result before the deadline")
                .order(TestPayments.order())
                .paymentCodeMask("2810****************5733")
                .notifyUrl("https://merchant.example/alipay/notify")
                .walletId(TestPayments.WALLET_ID)
                .walletPaymentId("W-2026112300001")
                .customer(new WalletCustomer("ALIPAYCN", "2088123412341234", "20************34"))
                .createdAt(t)
                .updatedAt(t.plusMillis(1))
                .paymentTime(t.plusMillis(2))
                .expiresAt(t.plusMillis(3))
                .nextCheckAt(t.plusMillis(4))
                .deadlineAt(t.plusMillis(5))
                .checkCount(7)
                .cancelState(CancelState.PENDING)
                .closedBy(ClosedBy.TIMEOUT)
                .cancelTime(t.plusMillis(6))
                .lateSuccessAt(t.plusMillis(7))
                .refundedMinor(500)
                .version(0)
                .codeToken("rE49jQ_llBbmfuNZBBfywwv9rRIaaaa".substring(0, 27))
                .redirectUrl("https://shop.example/thanks?order=1")
                .storeSlot("ENTRY#C1#M-1#S-1")
                .build();
    }

    // --- create and get ---

    @Test
    void createThenGetRoundTripsEveryField() throws Exception {
        Payment payment = everyFieldSet();
        for (RecordComponent component : Payment.class.getRecordComponents()) {
            Object value = component.getAccessor().invoke(payment);
            if (!component.getName().equals("version")) {
                assertThat(value).as("fixture sets " + component.getName()).isNotNull().isNotEqualTo(0).isNotEqualTo(0L);
            }
        }

        assertThat(store.create(payment, "hash-1")).isEqualTo(new Created(payment));
        assertThat(store.get(payment.paymentId())).contains(payment);
    }

    @Test
    void aPaymentWithOnlyTheRequiredFieldsRoundTrips() {
        Payment bare = Payment.builder().paymentId(nextPaymentId()).clientId("C").paymentRequestId("PR-bare")
                .scenario(Scenario.ORDER_CODE).amount(Money.of(1, "JPY")).status(PaymentStatus.CREATED)
                .createdAt(clock.instant()).build();
        created(bare);
        assertThat(store.get(bare.paymentId())).contains(bare);
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        Instant precise = Instant.parse("2026-11-23T02:00:00.123456789Z");
        Payment payment = TestPayments.processing(nextPaymentId(), precise).build();
        created(payment);
        assertThat(store.get(payment.paymentId()).orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00.123Z"));
    }

    @Test
    void getOfAnUnknownPaymentIsEmpty() {
        assertThat(store.get("no-such-payment")).isEmpty();
    }

    @Test
    void findByRequestFindsThePaymentOfAPaymentRequestId() {
        Payment payment = created(processing());

        assertThat(store.findByRequest(payment.clientId(), payment.paymentRequestId())).contains(payment);
        assertThat(store.findRequest(payment.clientId(), payment.paymentRequestId())).contains(new RequestKey(
                payment.clientId(), payment.paymentRequestId(), payment.paymentId(), "hash-" + payment.paymentId()));
        assertThat(store.findByRequest(payment.clientId(), "PR-unknown")).isEmpty();
        assertThat(store.findByRequest("OTHER_CLIENT", payment.paymentRequestId())).isEmpty();
    }

    // --- idempotency of creation (lessons.md 8) ---

    @Test
    void theSamePaymentRequestIdTwiceReturnsTheFirstPaymentAndItsHash() {
        Payment first = processing();
        Payment retry = TestPayments.processing(nextPaymentId(), clock.instant()).paymentRequestId(first.paymentRequestId()).build();

        assertThat(store.create(first, "hash-of-first")).isInstanceOf(Created.class);
        Creation second = store.create(retry, "hash-of-retry");

        assertThat(second).isEqualTo(new AlreadyRequested(
                new RequestKey(first.clientId(), first.paymentRequestId(), first.paymentId(), "hash-of-first")));
        // and the retry's payment was not written: no second charge
        assertThat(store.get(retry.paymentId())).isEmpty();
        assertThat(store.findByRequest(first.clientId(), first.paymentRequestId())).contains(first);
    }

    @Test
    void requestIdsArePerClient() {
        Payment mine = processing();
        Payment theirs = TestPayments.processing(nextPaymentId(), clock.instant())
                .clientId("SANDBOX_OTHER").paymentRequestId(mine.paymentRequestId()).build();

        assertThat(store.create(mine, "h")).isInstanceOf(Created.class);
        assertThat(store.create(theirs, "h")).isInstanceOf(Created.class);
    }

    @Test
    void aRetryThatCollidesWithTheFirstCreationInFlightAnswersFromTheFirst() {
        Payment first = processing();
        Payment retry = TestPayments.processing(nextPaymentId(), clock.instant()).paymentRequestId(first.paymentRequestId()).build();
        String table = DynamoTables.fresh(client);
        PaymentStore real = new PaymentStore(client, table);
        // DynamoDB cancels the retry's transaction because the first one still holds the request key item
        PaymentStore contended = new PaymentStore(new ConflictInjectingDynamo(client, 1, 1), table);
        assertThat(real.create(first, "hash-of-first")).isInstanceOf(Created.class);

        Creation second = contended.create(retry, "hash-of-retry");

        assertThat(second).isEqualTo(new AlreadyRequested(
                new RequestKey(first.clientId(), first.paymentRequestId(), first.paymentId(), "hash-of-first")));
    }

    @Test
    void twentyConcurrentCreationsOfOneRequestMakeExactlyOnePayment() throws Exception {
        String requestId = "PR-concurrent";
        List<Payment> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(TestPayments.processing(nextPaymentId(), clock.instant()).paymentRequestId(requestId).build());
        }

        List<Creation> results = Race.run(attempts.stream()
                .<Callable<Creation>>map(p -> () -> store.create(p, "hash-" + p.paymentId()))
                .toList());

        List<Created> created = results.stream().filter(Created.class::isInstance).map(Created.class::cast).toList();
        assertThat(created).hasSize(1);
        String winner = created.get(0).payment().paymentId();
        assertThat(results).filteredOn(AlreadyRequested.class::isInstance).hasSize(19)
                .allSatisfy(r -> assertThat(((AlreadyRequested) r).key())
                        .isEqualTo(new RequestKey(TestPayments.CLIENT_ID, requestId, winner, "hash-" + winner)));
        assertThat(attempts).filteredOn(p -> store.get(p.paymentId()).isPresent())
                .extracting(Payment::paymentId).containsExactly(winner);
    }

    // --- transitions: one conditional write on version (the condition sent: StoreConditionsDynamoTest) ---

    @Test
    void replaceFromTheStoredVersionIsAppliedAndBumpsTheVersion() {
        Payment v0 = created(processing());
        clock.advance(Duration.ofSeconds(3));
        Payment next = v0.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(clock.instant()).updatedAt(clock.instant()).build();

        Transition result = store.replace(v0, next);

        Payment expected = next.toBuilder().version(1).build();
        assertThat(result).isEqualTo(new Applied(expected));
        assertThat(store.get(v0.paymentId())).contains(expected);
    }

    @Test
    void theStoreOwnsTheVersionWhateverTheCallerPutsInNext() {
        Payment v0 = created(processing());
        Transition result = store.replace(v0, v0.toBuilder().version(42).checkCount(1).build());
        assertThat(((Applied) result).payment().version()).isEqualTo(1);
    }

    @Test
    void replaceFromAStaleVersionIsLostAndCarriesTheStoredPayment() {
        Payment v0 = created(processing());
        Payment v1 = ((Applied) store.replace(v0, v0.toBuilder().checkCount(1).build())).payment();

        Transition stale = store.replace(v0, v0.toBuilder().status(PaymentStatus.FAIL).build());

        assertThat(stale).isEqualTo(new Lost(v1));
        assertThat(store.get(v0.paymentId())).contains(v1);
    }

    @Test
    void theConditionAlsoGuardsTheStatus() {
        // a caller that believes the payment is PROCESSING at version 0 when it is CANCELLED at version 0
        Payment cancelled = created(processing().toBuilder().status(PaymentStatus.CANCELLED).build());
        Payment believed = cancelled.toBuilder().status(PaymentStatus.PROCESSING).build();

        Transition result = store.replace(believed, believed.toBuilder().status(PaymentStatus.SUCCESS).build());

        assertThat(result).isEqualTo(new Lost(cancelled));
    }

    @Test
    void twoWritersRacingFromOneVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            Payment v0 = created(processing());
            Payment paid = v0.toBuilder().status(PaymentStatus.SUCCESS).build();
            Payment cancelled = v0.toBuilder().status(PaymentStatus.CANCELLED).cancelState(CancelState.PENDING).build();

            List<Transition> results = Race.run(List.of(() -> store.replace(v0, paid), () -> store.replace(v0, cancelled)));

            assertThat(results).filteredOn(Applied.class::isInstance).as("round %d", round).hasSize(1);
            Payment winner = ((Applied) results.stream().filter(Applied.class::isInstance).findFirst().orElseThrow()).payment();
            assertThat(results).filteredOn(Lost.class::isInstance).containsExactly(new Lost(winner));
            assertThat(store.get(v0.paymentId())).contains(winner);
            assertThat(winner.version()).isEqualTo(1);
        }
    }

    @Test
    void anIllegalTransitionThrowsAndWritesNothing() {
        Payment failed = created(processing().toBuilder().status(PaymentStatus.FAIL).build());

        assertThatThrownBy(() -> store.replace(failed, failed.toBuilder().status(PaymentStatus.SUCCESS).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("illegal transition FAIL -> SUCCESS");
        assertThat(store.get(failed.paymentId())).contains(failed);
    }

    @Test
    void cancelledNeverBecomesSuccess() {
        Payment cancelled = created(processing().toBuilder().status(PaymentStatus.CANCELLED).build());
        assertThatThrownBy(() -> store.replace(cancelled, cancelled.toBuilder().status(PaymentStatus.SUCCESS).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.get(cancelled.paymentId())).contains(cancelled);
    }

    @Test
    void aChangeThatKeepsTheStatusIsAllowedInAFinalState() {
        // recording a late success on a CANCELLED payment is a write without a status change
        Payment cancelled = created(processing().toBuilder().status(PaymentStatus.CANCELLED).build());
        Transition result = store.replace(cancelled, cancelled.toBuilder().lateSuccessAt(clock.instant())
                .cancelState(CancelState.PENDING).build());
        assertThat(result).isInstanceOf(Applied.class);
    }

    // --- the due index ---

    @Test
    void dueReturnsOnlyPaymentsWhoseNextCheckHasCome() {
        Instant now = clock.instant();
        List<Payment> due = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Payment.Builder p = TestPayments.processing(nextPaymentId(), now);
            if (i < 5) {
                p.nextCheckAt(now.minusSeconds(5 - i)); // 5, 4, 3, 2, 1 s ago
            } else if (i == 5) {
                p.nextCheckAt(now.plusMillis(1));
            } else if (i < 20) {
                p.nextCheckAt(now.plusSeconds(i));
            } else {
                p.nextCheckAt(null);
            }
            Payment payment = created(p.build());
            if (i < 5) {
                due.add(payment);
            }
        }

        assertThat(store.due(now, 100)).containsExactlyElementsOf(due);
    }

    @Test
    void aPaymentDueExactlyNowIsDue() {
        Payment payment = created(processing().toBuilder().nextCheckAt(clock.instant()).build());
        assertThat(store.due(clock.instant(), 10)).containsExactly(payment);
        assertThat(store.due(clock.instant().minusMillis(1), 10)).isEmpty();
    }

    @Test
    void aPaymentWhoseNextCheckIsClearedLeavesTheIndex() {
        Payment a = created(processing().toBuilder().nextCheckAt(clock.instant()).build());
        Payment b = created(processing().toBuilder().nextCheckAt(clock.instant()).build());
        assertThat(store.due(clock.instant(), 10)).containsExactlyInAnyOrder(a, b);

        store.replace(a, a.toBuilder().status(PaymentStatus.SUCCESS).nextCheckAt(null).build());

        assertThat(store.due(clock.instant(), 10)).containsExactly(b);
        assertThat(store.due(clock.instant().plus(Duration.ofDays(365)), 10)).containsExactly(b);
    }

    @Test
    void aPaymentMovedIntoTheFutureIsNoLongerDueUntilThen() {
        Payment a = created(processing().toBuilder().nextCheckAt(clock.instant()).build());
        Payment later = ((Applied) store.replace(a, a.toBuilder().nextCheckAt(clock.instant().plusSeconds(3)).build())).payment();

        assertThat(store.due(clock.instant(), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(store.due(clock.instant(), 10)).containsExactly(later);
    }

    @Test
    void dueReadsAtMostTheLimitPerShard() {
        for (int i = 0; i < 40; i++) {
            created(processing().toBuilder().nextCheckAt(clock.instant().minusSeconds(i)).build());
        }
        assertThat(store.due(clock.instant(), 2)).hasSizeLessThanOrEqualTo(2 * ScanpayTable.DUE_SHARDS).isNotEmpty();
        assertThat(store.due(clock.instant(), 100)).hasSize(40);
    }

    @Test
    void dueIsOldestFirst() {
        for (int i = 0; i < 12; i++) {
            created(processing().toBuilder().nextCheckAt(clock.instant().minusSeconds((i * 7) % 12)).build());
        }
        assertThat(store.due(clock.instant(), 100)).extracting(Payment::nextCheckAt).isSorted();
    }
}
