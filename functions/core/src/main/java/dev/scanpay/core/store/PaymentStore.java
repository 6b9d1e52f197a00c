package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.n;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.rules.Edge;
import dev.scanpay.core.rules.MoneyMovements;
import dev.scanpay.core.rules.PaymentMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Payments and their idempotency keys. Every change of a payment is one conditional write on its
 * {@code version}: of two racing writers exactly one wins, and the loser gets the winner's state back
 * from the failed condition (no second read) to answer from.
 */
public class PaymentStore {

    /** Pinned by a test: a fixed race must stay fixed. */
    public static final String TRANSITION_CONDITION = "#version = :expectedVersion AND #status = :expectedStatus";
    /**
     * Reversing a paid payment (SUCCESS -> CANCELLED) also needs no refund made or reserved: of a cancel and
     * a refund reservation racing on one payment, at most one wins. Pinned by a test.
     */
    public static final String CANCEL_PAID_CONDITION = TRANSITION_CONDITION + " AND #refunded = :noRefunds";
    static final String NEW_ITEM_CONDITION = "attribute_not_exists(pk)";
    /**
     * Taking a place under a store's cap on open entry-code payments, in the transaction that creates the
     * payment: the count on the store's entry-code key goes up only while it is below the cap. Pinned by a test.
     */
    public static final String TAKE_SLOT_CONDITION = "attribute_exists(pk) AND (attribute_not_exists(#open) OR #open < :cap)";
    static final String TAKE_SLOT_UPDATE = "SET #open = if_not_exists(#open, :zero) + :one";
    /** Giving the place back, in the write that moves the payment out of CREATED or PROCESSING. */
    static final String RELEASE_SLOT_UPDATE = "SET #open = if_not_exists(#open, :one) - :one";
    static final String OPEN_COUNT = "openEntryPayments";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BusinessDay days;

    /** A store whose ledger entries are filed by Alipay's business day (UTC+8). */
    public PaymentStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, BusinessDay.ALIPAY);
    }

    /** A store whose ledger entries are filed by {@code days}. */
    public PaymentStore(DynamoDbClient dynamo, String table, BusinessDay days) {
        this.dynamo = dynamo;
        this.table = table;
        this.days = days;
    }

    /** The idempotency record of a payment request. */
    public record RequestKey(String clientId, String paymentRequestId, String paymentId, String requestHash) {
    }

    public sealed interface Creation permits Created, AlreadyRequested, StoreBusy {
    }

    public record Created(Payment payment) implements Creation {
    }

    /** The request id was used before: the caller answers from that payment, or refuses a mismatched repeat. */
    public record AlreadyRequested(RequestKey key) implements Creation {
    }

    /** The store already has as many open entry-code payments as its cap allows: nothing was written. */
    public record StoreBusy() implements Creation {
    }

    /** A place under a store's cap: the store's entry-code key ({@code storeSlot} of the payment) and the cap. */
    public record SlotCap(int cap) {
    }

    public sealed interface Transition permits Applied, Lost {
    }

    public record Applied(Payment payment) implements Transition {
    }

    /** Someone else changed the payment first; {@code current} is what they left. */
    public record Lost(Payment current) implements Transition {
    }

    /**
     * Writes a new payment and its request key in one transaction, so a request id can never point at
     * nothing and two concurrent creations with the same id cannot both succeed.
     */
    public Creation create(Payment payment, String requestHash) {
        return create(payment, requestHash, List.of());
    }

    /**
     * As {@link #create(Payment, String)}, also putting {@code alsoNew} (items that must not exist yet,
     * such as the payment's order code) in the same transaction.
     */
    public Creation create(Payment payment, String requestHash, List<Map<String, AttributeValue>> alsoNew) {
        return create(payment, requestHash, alsoNew, null);
    }

    /**
     * As {@link #create(Payment, String, List)}; when the payment has a {@code storeSlot}, it also takes a place
     * under that store's cap in the same transaction, or writes nothing and answers {@link StoreBusy}. The count
     * is exact under concurrency: each payment adds one when created and takes it back in the one write that
     * moves it out of CREATED or PROCESSING ({@link #replace}), both conditional on the payment's own state.
     */
    public Creation create(Payment payment, String requestHash, List<Map<String, AttributeValue>> alsoNew, SlotCap cap) {
        for (int attempt = 0; ; attempt++) {
            try {
                return createOnce(payment, requestHash, alsoNew, cap);
            } catch (SlotConflict conflict) {
                // another payment of the same store took or gave back a place at the same moment: try again
                if (attempt >= 8) {
                    throw conflict.cause;
                }
                pause(5L << Math.min(attempt, 5));
            }
        }
    }

    private static final class SlotConflict extends RuntimeException {
        private final TransactionCanceledException cause;

        SlotConflict(TransactionCanceledException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    private Creation createOnce(Payment payment, String requestHash, List<Map<String, AttributeValue>> alsoNew, SlotCap cap) {
        boolean slotted = cap != null && payment.storeSlot() != null;
        Map<String, AttributeValue> requestItem = new HashMap<>(requestKey(payment.clientId(), payment.paymentRequestId()));
        requestItem.put("paymentId", s(payment.paymentId()));
        requestItem.put("requestHash", s(requestHash));
        requestItem.put("clientId", s(payment.clientId()));
        requestItem.put("paymentRequestId", s(payment.paymentRequestId()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(PaymentItems.toItem(payment))
                .conditionExpression(NEW_ITEM_CONDITION).build()).build());
        // the request key stays second: a cancellation reason at index 1 means "this request id was used"
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(requestItem)
                .conditionExpression(NEW_ITEM_CONDITION)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        for (Map<String, AttributeValue> item : alsoNew) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(item).conditionExpression(NEW_ITEM_CONDITION).build()).build());
        }
        if (slotted) {
            // last, so its cancellation reason is the last one
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(slotKey(payment.storeSlot()))
                    .updateExpression(TAKE_SLOT_UPDATE)
                    .conditionExpression(TAKE_SLOT_CONDITION)
                    .expressionAttributeNames(Map.of("#open", OPEN_COUNT))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":cap", n(cap.cap())))
                    .build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return new Created(asStored(payment));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (slotted && reasons.size() == writes.size()) {
                boolean keyUsed = "ConditionalCheckFailed".equals(reasons.get(1).code());
                String slotReason = reasons.get(reasons.size() - 1).code();
                if (!keyUsed && "ConditionalCheckFailed".equals(slotReason)) {
                    return new StoreBusy();
                }
                if (!keyUsed && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))
                        && findRequest(payment.clientId(), payment.paymentRequestId()).isEmpty()) {
                    throw new SlotConflict(e);
                }
            }
            if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // a concurrent creation of the same request is in flight: whoever wins, the key will exist
                return awaitRequest(payment, e);
            }
            if (reasons.size() >= 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                Map<String, AttributeValue> old = reasons.get(1).item();
                if (old != null && !old.isEmpty()) {
                    return new AlreadyRequested(toRequestKey(old));
                }
                return findRequest(payment.clientId(), payment.paymentRequestId())
                        .<Creation>map(AlreadyRequested::new)
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Optional<Payment> get(String paymentId) {
        return PaymentItems.read(dynamo, table, paymentId);
    }

    public Optional<RequestKey> findRequest(String clientId, String paymentRequestId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(requestKey(clientId, paymentRequestId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequestKey(item));
    }

    public Optional<Payment> findByRequest(String clientId, String paymentRequestId) {
        return findRequest(clientId, paymentRequestId).flatMap(key -> get(key.paymentId()));
    }

    /**
     * Replaces {@code expected} with {@code next} if nobody changed it in between. The store owns the
     * version: {@code next} is written with {@code expected.version() + 1}. Refused
     * ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless some edge of
     * {@link PaymentMachine} makes the move.
     */
    public Transition replace(Payment expected, Payment next) {
        return replace(expected, next, List.of());
    }

    /**
     * As {@link #replace(Payment, Payment)}, also putting {@code alsoNew} (what the merchant must hear about
     * this change: the outbox) in the same transaction, so the change and its notification exist together
     * or not at all.
     */
    public Transition replace(Payment expected, Payment next, List<Map<String, AttributeValue>> alsoNew) {
        PaymentMachine.MACHINE.check(expected, next);
        return write(expected, next, alsoNew);
    }

    /**
     * As {@link #replace(Payment, Payment, List)}, by the named {@code edge} of {@link PaymentMachine}: refused
     * ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless the edge makes this move.
     */
    public Transition replace(Edge<?> edge, Payment expected, Payment next, List<Map<String, AttributeValue>> alsoNew) {
        PaymentMachine.MACHINE.check(edge, expected, next);
        return write(expected, next, alsoNew);
    }

    private Transition write(Payment expected, Payment next, List<Map<String, AttributeValue>> alsoNew) {
        Payment written = next.toBuilder().version(expected.version() + 1).build();
        boolean reversal = expected.status() == PaymentStatus.SUCCESS && next.status() == PaymentStatus.CANCELLED;
        Map<String, String> names = new HashMap<>(Map.of("#version", "version", "#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":expectedVersion", n(expected.version()),
                ":expectedStatus", s(expected.status().name())));
        if (reversal) {
            names.put("#refunded", "refundedMinor");
            values.put(":noRefunds", n(0));
        }
        // a token of this write, so that when its answer is lost and the SDK's retry finds the condition failed,
        // the item found can be recognised as this write's own (it landed) rather than another writer's
        WriteToken token = WriteToken.fresh();
        Put put = Put.builder().tableName(table)
                .item(token.on(PaymentItems.toItem(written)))
                .conditionExpression(reversal ? CANCEL_PAID_CONDITION : TRANSITION_CONDITION)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        List<TransactWriteItem> also = new ArrayList<>();
        // the money this change moves, written with it or not at all (MoneyMovements decides; entries are new items)
        for (LedgerEntry entry : MoneyMovements.ofPayment(expected, asStored(written), days)) {
            also.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(LedgerItems.toItem(entry)).conditionExpression(NEW_ITEM_CONDITION).build()).build());
        }
        for (Map<String, AttributeValue> item : alsoNew) {
            also.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(item).conditionExpression(NEW_ITEM_CONDITION).build()).build());
        }
        if (expected.storeSlot() != null && expected.isOpen() && !next.isOpen()) {
            // the place under the store's cap is given back by the same write that closes or settles the payment
            also.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(slotKey(expected.storeSlot()))
                    .updateExpression(RELEASE_SLOT_UPDATE)
                    .expressionAttributeNames(Map.of("#open", OPEN_COUNT))
                    .expressionAttributeValues(Map.of(":one", n(1)))
                    .build()).build());
        }
        if (!also.isEmpty()) {
            return replaceWith(expected, written, put, token, also);
        }
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(put.tableName())
                    .item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Applied(asStored(written));
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return token.wrote(e.item()) ? new Applied(asStored(written)) : new Lost(PaymentItems.fromItem(e.item()));
            }
            return new Lost(get(expected.paymentId()).orElseThrow(() -> e));
        }
    }

    private Transition replaceWith(Payment expected, Payment written, Put paymentPut, WriteToken token, List<TransactWriteItem> also) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(paymentPut).build());
        writes.addAll(also);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return new Applied(asStored(written));
        } catch (TransactionCanceledException e) {
            CancellationReason payment = e.cancellationReasons().get(0);
            if ("ConditionalCheckFailed".equals(payment.code()) && payment.item() != null && !payment.item().isEmpty()) {
                return token.wrote(payment.item())
                        ? new Applied(asStored(written)) : new Lost(PaymentItems.fromItem(payment.item()));
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                    || "ConditionalCheckFailed".equals(r.code()))) {
                // someone else is changing the payment: whatever they leave is the state to re-apply the rule to
                return new Lost(get(expected.paymentId()).orElseThrow(() -> e));
            }
            throw e;
        }
    }

    /**
     * The earliest nextCheckAt after {@code now} and no later than {@code until}, if any: one item read per
     * shard, so a sweeper can wait for the next item to come due instead of polling.
     */
    public Optional<Instant> nextDueBetween(Instant now, Instant until) {
        return DueIndex.nextDueBetween(dynamo, table, ScanpayTable.dueShards(), now, until);
    }

    /**
     * Payments whose nextCheckAt has come, oldest first, from the sparse due index: a Query per shard,
     * never a Scan. Reads at most {@code limit} items per shard.
     */
    public List<Payment> due(Instant now, int limit) {
        return DueIndex.due(dynamo, table, ScanpayTable.dueShards(), now, limit).stream()
                .filter(item -> PaymentItems.TYPE.equals(str(item, ScanpayTable.SK)))
                .map(PaymentItems::fromItem)
                .sorted(java.util.Comparator.comparing(Payment::nextCheckAt))
                .toList();
    }

    /**
     * Waits out a transaction conflict on a request key: reads it a few times, then retries the creation
     * once if the competing transaction left nothing.
     */
    private Creation awaitRequest(Payment payment, TransactionCanceledException conflict) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<RequestKey> key = findRequest(payment.clientId(), payment.paymentRequestId());
            if (key.isPresent()) {
                return new AlreadyRequested(key.get());
            }
            try {
                Thread.sleep(20L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw conflict;
            }
        }
        throw conflict;
    }

    /** The open entry-code payments a store holds now (0 when it never had one). */
    public int openPaymentsOf(String storeSlot) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(slotKey(storeSlot)).consistentRead(true)).item();
        return item == null || !item.containsKey(OPEN_COUNT) ? 0 : Integer.parseInt(item.get(OPEN_COUNT).n());
    }

    private static Map<String, AttributeValue> slotKey(String storeSlot) {
        return Map.of(ScanpayTable.PK, s(storeSlot), ScanpayTable.SK, s("ENTRY"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What a read would return: times at millisecond precision, as stored. */
    private static Payment asStored(Payment payment) {
        return PaymentItems.fromItem(PaymentItems.toItem(payment));
    }

    private static Map<String, AttributeValue> requestKey(String clientId, String paymentRequestId) {
        return Map.of(ScanpayTable.PK, s("REQ#" + clientId + "#" + paymentRequestId), ScanpayTable.SK, s("REQ"));
    }

    private static RequestKey toRequestKey(Map<String, AttributeValue> item) {
        return new RequestKey(str(item, "clientId"), str(item, "paymentRequestId"), str(item, "paymentId"),
                str(item, "requestHash"));
    }
}
