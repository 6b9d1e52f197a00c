package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.TestPayments;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The cap on a store's open entry-code payments: taken with the creation, given back once by the closing write. */
@Tag("integration")
class StoreSlotDynamoTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static DynamoDbClient client;

    private PaymentStore store;
    private String slot;

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
        store = new PaymentStore(client, table);
        EntryCode code = new EntryCode("tok" + System.nanoTime(), "C1", "M-1", "M", "5812", null, "S-1", "Store", "5812", null,
                Currency.getInstance("JPY"), null, NOW);
        new EntryCodeStore(client, table).register(code, "https://gw.example/c/" + code.token());
        slot = EntryCodeStore.slotOf(code);
    }

    private Payment open(String id) {
        return TestPayments.processing(id, NOW).status(PaymentStatus.CREATED).storeSlot(slot).build();
    }

    @Test
    void theConditionsArePinned() {
        assertThat(PaymentStore.TAKE_SLOT_CONDITION).isEqualTo("attribute_exists(pk) AND (attribute_not_exists(#open) OR #open < :cap)");
        assertThat(PaymentStore.TAKE_SLOT_UPDATE).isEqualTo("SET #open = if_not_exists(#open, :zero) + :one");
        assertThat(PaymentStore.RELEASE_SLOT_UPDATE).isEqualTo("SET #open = if_not_exists(#open, :one) - :one");
    }

    @Test
    void aPlaceIsTakenByCreationAndGivenBackOnceByTheClosingWrite() {
        PaymentStore.SlotCap cap = new PaymentStore.SlotCap(2);
        Payment first = ((PaymentStore.Created) store.create(open("P1"), "h", List.of(), cap)).payment();
        Payment second = ((PaymentStore.Created) store.create(open("P2"), "h", List.of(), cap)).payment();
        assertThat(store.create(open("P3"), "h", List.of(), cap)).isInstanceOf(PaymentStore.StoreBusy.class);
        assertThat(store.get("P3")).as("nothing written").isEmpty();
        assertThat(store.findRequest(TestPayments.CLIENT_ID, "PR-P3")).isEmpty();
        assertThat(store.create(open("P1"), "h", List.of(), cap)).as("a repeat is its first payment, cap or not")
                .isInstanceOf(PaymentStore.AlreadyRequested.class);
        assertThat(store.openPaymentsOf(slot)).isEqualTo(2);

        Payment taken = ((PaymentStore.Applied) store.replace(first, first.toBuilder().status(PaymentStatus.PROCESSING).build())).payment();
        assertThat(store.openPaymentsOf(slot)).as("taken by a wallet: still open").isEqualTo(2);
        store.replace(taken, PaymentMachine.cancel(taken, ClosedBy.MERCHANT, NOW).next());
        assertThat(store.openPaymentsOf(slot)).isEqualTo(1);
        assertThat(store.replace(taken, PaymentMachine.cancel(taken, ClosedBy.TIMEOUT, NOW).next()))
                .as("a stale second close loses").isInstanceOf(PaymentStore.Lost.class);
        assertThat(store.openPaymentsOf(slot)).as("and gives nothing back").isEqualTo(1);

        store.replace(second, PaymentMachine.cancel(second, ClosedBy.TIMEOUT, NOW).next());
        assertThat(store.openPaymentsOf(slot)).isZero();
        assertThat(store.create(open("P4"), "h", List.of(), cap)).isInstanceOf(PaymentStore.Created.class);
    }
}
