package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.n;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;

import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.rules.RefundRules;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.rules.Edge;
import dev.scanpay.core.rules.MoneyMovements;
import dev.scanpay.core.rules.RefundMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Refunds, their idempotency keys, and the refunded total on the payment. The total is what keeps refunds
 * from adding up to more than was paid, and it only moves inside the transaction that creates or fails a
 * refund:
 *
 * <ul>
 *   <li>{@link #reserve}: one TransactWriteItems that adds the amount to the payment's {@code refundedMinor}
 *       on condition ({@link #RESERVE_CONDITION}) and puts the refund (PROCESSING), its request key and its
 *       id pointer, all new. Two refunds racing for the last of the amount cannot both pass the condition.</li>
 *   <li>{@link #replace}: PROCESSING -> SUCCESS, or a new check time; the reservation stays.</li>
 *   <li>{@link #replace} to FAIL: the refund and the release of its amount in one transaction.</li>
 * </ul>
 *
 * Every write that moves {@code refundedMinor} also bumps the payment's {@code version}, so a payment
 * transition written with {@code PaymentStore.replace} can never put back a stale total. Each of the refund's own
 * writes (and its request key) carries a {@link WriteToken}, so a write whose answer was lost after it landed is
 * known as done when its retry finds the condition failed, as the payment's are.
 */
public class RefundStore {

    /** Pinned by a test: the payment must be paid, not being cancelled, and have room for the amount. */
    public static final String RESERVE_CONDITION =
            "#status = :paid AND #cancelState = :noCancel AND #refunded <= :limit";
    static final String RESERVE_UPDATE = "SET #refunded = #refunded + :amount, #version = #version + :one";
    static final String RELEASE_CONDITION = "#refunded >= :amount";
    static final String RELEASE_UPDATE = "SET #refunded = #refunded - :amount, #version = #version + :one";
    /** Pinned by a test, like the payment's. */
    public static final String TRANSITION_CONDITION = "#version = :expectedVersion AND #status = :expectedStatus";
    static final String NEW_ITEM_CONDITION = "attribute_not_exists(pk)";

    /** Transaction conflicts on a busy payment are retried this many times, with jittered backoff. */
    private static final int CONFLICT_ATTEMPTS = 60;

    private static final int PAYMENT = 0;
    private static final int REQUEST_KEY = 2;

    private final DynamoDbClient dynamo;
    private final String table;
    private final BusinessDay days;

    /** A store whose ledger entries are filed by Alipay's business day (UTC+8). */
    public RefundStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, BusinessDay.ALIPAY);
    }

    /** A store whose ledger entries are filed by {@code days}. */
    public RefundStore(DynamoDbClient dynamo, String table, BusinessDay days) {
        this.dynamo = dynamo;
        this.table = table;
        this.days = days;
    }

    /** The idempotency record of a refund request. */
    public record RequestKey(String clientId, String refundRequestId, String refundId, String paymentId,
                             String requestHash) {
    }

    public sealed interface Reservation permits Reserved, AlreadyRequested, Refused {
    }

    /** The amount is reserved on the payment and the refund is stored, PROCESSING. */
    public record Reserved(Refund refund) implements Reservation {
    }

    /** The client used this refundRequestId before. */
    public record AlreadyRequested(RequestKey key) implements Reservation {
    }

    /** The payment's condition failed; {@code payment} is its state then (for the answer). */
    public record Refused(Payment payment) implements Reservation {
    }

    public sealed interface Transition permits Applied, Lost {
    }

    public record Applied(Refund refund) implements Transition {
    }

    /** Someone else changed the refund first; {@code current} is what they left. */
    public record Lost(Refund current) implements Transition {
    }

    /**
     * Reserves {@code refund.amount()} on payment {@code refund.paymentId()} (paid {@code paidMinor}) and stores
     * the refund with its request key, in one transaction. The refund enters its machine by
     * {@link RefundMachine#REQUESTED}: one in any other state is refused before anything is sent.
     */
    public Reservation reserve(Refund refund, long paidMinor, String requestHash) {
        RefundMachine.MACHINE.checkEntry(RefundMachine.REQUESTED, refund);
        long limit = RefundRules.reservationLimit(paidMinor, refund.amount().minor());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PaymentItems.key(refund.paymentId()))
                .updateExpression(RESERVE_UPDATE)
                .conditionExpression(RESERVE_CONDITION)
                .expressionAttributeNames(Map.of("#status", "status", "#cancelState", "cancelState",
                        "#refunded", "refundedMinor", "#version", "version"))
                .expressionAttributeValues(Map.of(
                        ":paid", s(PaymentStatus.SUCCESS.name()),
                        ":noCancel", s(CancelState.NONE.name()),
                        ":limit", n(limit),
                        ":amount", n(refund.amount().minor()),
                        ":one", n(1)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        writes.add(newItem(RefundItems.toItem(refund), false));
        Map<String, AttributeValue> requestItem = new HashMap<>(requestKey(refund.clientId(), refund.refundRequestId()));
        requestItem.put("clientId", s(refund.clientId()));
        requestItem.put("refundRequestId", s(refund.refundRequestId()));
        requestItem.put("refundId", s(refund.refundId()));
        requestItem.put("paymentId", s(refund.paymentId()));
        requestItem.put("requestHash", s(requestHash));
        // a lost answer to a reservation that landed: the retry finds this request key, which is ours, not a repeat's
        WriteToken token = WriteToken.fresh();
        writes.add(newItem(token.on(requestItem), true));
        Map<String, AttributeValue> pointer = new HashMap<>(pointerKey(refund.refundId()));
        pointer.put("paymentId", s(refund.paymentId()));
        pointer.put("clientId", s(refund.clientId()));
        writes.add(newItem(pointer, false));

        return withConflictRetries(() -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return Optional.<Reservation>of(new Reserved(asStored(refund)));
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, REQUEST_KEY)) {
                    Map<String, AttributeValue> old = reasons.get(REQUEST_KEY).item();
                    if (token.wrote(old)) {
                        return Optional.<Reservation>of(new Reserved(asStored(refund)));
                    }
                    RequestKey key = old != null && !old.isEmpty() ? toRequestKey(old)
                            : findRequest(refund.clientId(), refund.refundRequestId()).orElseThrow(() -> e);
                    return Optional.of(new AlreadyRequested(key));
                }
                if (failed(reasons, PAYMENT)) {
                    Map<String, AttributeValue> old = reasons.get(PAYMENT).item();
                    Payment payment = old != null && !old.isEmpty() ? PaymentItems.fromItem(old)
                            : PaymentItems.read(dynamo, table, refund.paymentId()).orElseThrow(() -> e);
                    return Optional.of(new Refused(payment));
                }
                if (isConflict(reasons)) {
                    return Optional.empty();
                }
                throw e;
            }
        }, "reserve refund " + refund.refundId());
    }

    public Optional<Refund> get(String paymentId, String refundId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(RefundItems.key(paymentId, refundId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(RefundItems.fromItem(item));
    }

    /** A refund by the gateway's refundId: the pointer, then the refund. */
    public Optional<Refund> byId(String refundId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(pointerKey(refundId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return get(str(item, "paymentId"), refundId);
    }

    public Optional<RequestKey> findRequest(String clientId, String refundRequestId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(requestKey(clientId, refundRequestId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequestKey(item));
    }

    public Optional<Refund> findByRequest(String clientId, String refundRequestId) {
        return findRequest(clientId, refundRequestId).flatMap(key -> get(key.paymentId(), key.refundId()));
    }

    /** Every refund of a payment, oldest first: one Query on the payment's partition. */
    public List<Refund> byPayment(String paymentId) {
        List<Refund> refunds = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :refund)")
                    .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK, "#sk", ScanpayTable.SK))
                    .expressionAttributeValues(Map.of(":pk", s("PAY#" + paymentId), ":refund", s(RefundItems.SK_PREFIX)))
                    .exclusiveStartKey(from)
                    .consistentRead(true)
                    .build());
            page.items().stream().map(RefundItems::fromItem).forEach(refunds::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        refunds.sort(Comparator.comparing(Refund::createdAt).thenComparing(Refund::refundId));
        return refunds;
    }

    /**
     * Replaces {@code expected} with {@code next} if nobody changed it in between (version and status).
     * A move to FAIL releases the refund's amount on the payment in the same transaction. Refused
     * ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless some edge of
     * {@link RefundMachine} makes the move.
     */
    public Transition replace(Refund expected, Refund next) {
        RefundMachine.MACHINE.check(expected, next);
        return write(expected, next);
    }

    /**
     * As {@link #replace(Refund, Refund)}, by the named {@code edge} of {@link RefundMachine}: refused
     * ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless the edge makes this move.
     */
    public Transition replace(Edge<?> edge, Refund expected, Refund next) {
        return replace(edge, expected, next, List.of());
    }

    /**
     * As {@link #replace(Edge, Refund, Refund)}, also putting {@code alsoNew} (the notification this verdict owes:
     * the outbox) in the same transaction, so the verdict and its notification exist together or not at all.
     */
    public Transition replace(Edge<?> edge, Refund expected, Refund next, List<Map<String, AttributeValue>> alsoNew) {
        RefundMachine.MACHINE.check(edge, expected, next);
        return write(expected, next, alsoNew);
    }

    private Transition write(Refund expected, Refund next) {
        return write(expected, next, List.of());
    }

    /**
     * The refund's change, in one transaction with what it brings: a refusal releases its amount on the payment, a
     * success writes its ledger entry, and either may owe a notification (the outbox).
     */
    private Transition write(Refund expected, Refund next, List<Map<String, AttributeValue>> alsoNew) {
        Refund written = next.toBuilder().version(expected.version() + 1).build();
        List<TransactWriteItem> also = new ArrayList<>();
        String alsoRefused = "an item written with refund " + expected.refundId() + " exists already; refusing to write it again";
        if (next.status() == RefundStatus.FAIL && expected.status() != RefundStatus.FAIL) {
            also.add(releaseAmount(expected));
            alsoRefused = "payment " + expected.paymentId() + " holds less than refund " + expected.refundId()
                    + " reserved; refusing to release";
        }
        if (next.status() == RefundStatus.SUCCESS && expected.status() != RefundStatus.SUCCESS) {
            // the entry carries the payment's ids, merchant and store, which no longer change once it is paid
            Payment payment = PaymentItems.read(dynamo, table, expected.paymentId())
                    .orElseThrow(() -> new IllegalStateException("refund " + expected.refundId() + " has no payment"));
            for (LedgerEntry entry : MoneyMovements.ofRefund(expected, asStored(written), payment, days)) {
                also.add(newItem(LedgerItems.toItem(entry), false));
            }
        }
        for (Map<String, AttributeValue> item : alsoNew) {
            also.add(newItem(item, false));
        }
        // as the payment's: a lost answer to this write that landed is recognised by its token, not taken for another's
        WriteToken token = WriteToken.fresh();
        if (!also.isEmpty()) {
            return writeWith(expected, written, token, also, "write refund " + expected.refundId(), alsoRefused);
        }
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(token.on(RefundItems.toItem(written)))
                    .conditionExpression(TRANSITION_CONDITION)
                    .expressionAttributeNames(Map.of("#version", "version", "#status", "status"))
                    .expressionAttributeValues(expectation(expected))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Applied(asStored(written));
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return token.wrote(e.item()) ? new Applied(asStored(written)) : new Lost(RefundItems.fromItem(e.item()));
            }
            return new Lost(get(expected.paymentId(), expected.refundId()).orElseThrow(() -> e));
        }
    }

    /** Refunds whose nextCheckAt has come, oldest first: a Query per refund shard of the due index. */
    public Optional<Instant> nextDueBetween(Instant now, Instant until) {
        return DueIndex.nextDueBetween(dynamo, table, ScanpayTable.refundDueShards(), now, until);
    }

    public List<Refund> due(Instant now, int limit) {
        return DueIndex.due(dynamo, table, ScanpayTable.refundDueShards(), now, limit).stream()
                .filter(RefundItems::isRefund)
                .map(RefundItems::fromItem)
                .sorted(Comparator.comparing(Refund::nextCheckAt))
                .toList();
    }

    private TransactWriteItem releaseAmount(Refund expected) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PaymentItems.key(expected.paymentId()))
                .updateExpression(RELEASE_UPDATE)
                .conditionExpression(RELEASE_CONDITION)
                .expressionAttributeNames(Map.of("#refunded", "refundedMinor", "#version", "version"))
                .expressionAttributeValues(Map.of(":amount", n(expected.amount().minor()), ":one", n(1)))
                .build()).build();
    }

    /**
     * The refund's conditional put and {@code also} in one transaction. The loser of a race on the refund gets the
     * winner's state ({@link Lost}); {@code alsoRefused} is the error when one of {@code also}'s conditions fails.
     */
    private Transition writeWith(Refund expected, Refund written, WriteToken token, List<TransactWriteItem> also, String what,
                                 String alsoRefused) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(token.on(RefundItems.toItem(written)))
                .conditionExpression(TRANSITION_CONDITION)
                .expressionAttributeNames(Map.of("#version", "version", "#status", "status"))
                .expressionAttributeValues(expectation(expected))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        writes.addAll(also);
        return withConflictRetries(() -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return Optional.<Transition>of(new Applied(asStored(written)));
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    Map<String, AttributeValue> old = reasons.get(0).item();
                    if (token.wrote(old)) {
                        return Optional.<Transition>of(new Applied(asStored(written)));
                    }
                    return Optional.of(new Lost(old != null && !old.isEmpty() ? RefundItems.fromItem(old)
                            : get(expected.paymentId(), expected.refundId()).orElseThrow(() -> e)));
                }
                for (int i = 1; i < writes.size(); i++) {
                    if (failed(reasons, i)) {
                        throw new IllegalStateException(alsoRefused, e);
                    }
                }
                if (isConflict(reasons)) {
                    return Optional.empty();
                }
                throw e;
            }
        }, what);
    }

    /** Runs {@code attempt} until it gives an answer; empty means a transaction conflict, tried again after a pause. */
    private static <T> T withConflictRetries(Supplier<Optional<T>> attempt, String what) {
        for (int i = 0; i < CONFLICT_ATTEMPTS; i++) {
            Optional<T> done = attempt.get();
            if (done.isPresent()) {
                return done.get();
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(i, 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("could not " + what + ": the payment stayed busy");
    }

    private TransactWriteItem newItem(Map<String, AttributeValue> item, boolean returnOld) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(NEW_ITEM_CONDITION);
        if (returnOld) {
            put.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static Map<String, AttributeValue> expectation(Refund expected) {
        return Map.of(":expectedVersion", n(expected.version()), ":expectedStatus", s(expected.status().name()));
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static boolean isConflict(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static Refund asStored(Refund refund) {
        return RefundItems.fromItem(RefundItems.toItem(refund));
    }

    private static Map<String, AttributeValue> requestKey(String clientId, String refundRequestId) {
        return Map.of(ScanpayTable.PK, s("REFREQ#" + clientId + "#" + refundRequestId), ScanpayTable.SK, s("REFREQ"));
    }

    private static Map<String, AttributeValue> pointerKey(String refundId) {
        return Map.of(ScanpayTable.PK, s("REFUND#" + refundId), ScanpayTable.SK, s("REFUND"));
    }

    private static RequestKey toRequestKey(Map<String, AttributeValue> item) {
        return new RequestKey(str(item, "clientId"), str(item, "refundRequestId"), str(item, "refundId"),
                str(item, "paymentId"), str(item, "requestHash"));
    }
}
