package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.enumValue;
import static dev.scanpay.core.store.Attrs.n;
import static dev.scanpay.core.store.Attrs.num;
import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.rules.NotificationMachine;
import dev.scanpay.core.rules.Step;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Merchant notifications (the outbox) at {@code NTF#{notificationId}}. A pending one sits in the sparse
 * due index under its own shards; every change is a conditional put on {@code version}, so two senders
 * cannot both claim one attempt.
 */
public class NotificationStore {

    static final String TYPE = "NTF";
    private static final String DEAD_PREFIX = "DEADNTF#";

    private final DynamoDbClient dynamo;
    private final String table;

    public NotificationStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The new item, for the transaction that also writes the payment's final result. */
    public Map<String, AttributeValue> item(MerchantNotification n) {
        Map<String, AttributeValue> item = new HashMap<>(key(n.notificationId()));
        putS(item, "notificationId", n.notificationId());
        putS(item, "paymentId", n.paymentId());
        putS(item, "clientId", n.clientId());
        putS(item, "url", n.url());
        putS(item, "body", n.body());
        putS(item, "resultStatus", n.resultStatus());
        putS(item, "status", n.status().name());
        item.put("attempts", n(n.attempts()));
        item.put("claims", n(n.claims()));
        putTime(item, "createdAt", n.createdAt());
        putTime(item, "deliveredAt", n.deliveredAt());
        putS(item, "lastProblem", n.lastProblem());
        item.put("version", n(n.version()));
        if (n.format() != NotifyFormat.AMS) {
            // absent means AMS, as on every notification stored before formats existed
            putS(item, "format", n.format().name());
        }
        if (n.nextCheckAt() != null) {
            putTime(item, ScanpayTable.NEXT_CHECK_AT, n.nextCheckAt());
            putS(item, ScanpayTable.DUE_SHARD, ScanpayTable.notificationDueShard(n.notificationId()));
        }
        return item;
    }

    public Optional<MerchantNotification> get(String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(notificationId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Writes {@code next} if {@code expected} is still what is stored; empty when someone else changed it first.
     * Refused ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless some edge of
     * {@link NotificationMachine} makes the move.
     */
    public Optional<MerchantNotification> replace(MerchantNotification expected, MerchantNotification next) {
        NotificationMachine.MACHINE.check(expected, next);
        return put(expected, next);
    }

    /**
     * Writes {@code step} (by its edge of {@link NotificationMachine}) if {@code expected} is still what is
     * stored: a dead letter is filed, and a requeue taken off the list, in the same transaction. Refused
     * ({@link dev.scanpay.core.rules.UndeclaredEdgeException}, nothing sent) unless the edge makes the move.
     */
    public Optional<MerchantNotification> apply(MerchantNotification expected, Step<MerchantNotification> step) {
        if (step.edge() == NotificationMachine.DEAD_LETTERED_EDGE) {
            return deadLetter(expected, step.next());
        }
        if (step.edge() == NotificationMachine.REQUEUED) {
            return requeue(expected, step.next());
        }
        NotificationMachine.MACHINE.check(step.edge(), expected, step.next());
        return put(expected, step.next());
    }

    private Optional<MerchantNotification> put(MerchantNotification expected, MerchantNotification next) {
        MerchantNotification written = versioned(expected, next);
        // a claim or an outcome whose answer was lost after it landed fails its own condition on the SDK's retry:
        // the token tells it from another sender's write, so a sender does not take its own claim for a rival's
        // (and leave the notification unsent until the lease ends)
        WriteToken token = WriteToken.fresh();
        try {
            dynamo.putItem(b -> b.tableName(table).item(token.on(item(written)))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expected.version())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.of(written);
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && token.wrote(e.item()) ? Optional.of(written) : Optional.empty();
        }
    }

    /**
     * The earliest nextCheckAt after {@code now} and no later than {@code until}, if any: one item read per
     * shard, so a sweeper can wait for the next item to come due instead of polling.
     */
    public Optional<Instant> nextDueBetween(Instant now, Instant until) {
        return DueIndex.nextDueBetween(dynamo, table, ScanpayTable.notificationDueShards(), now, until);
    }

    /**
     * As {@link #replace}, for the last failed attempt: also files the notification under its client's
     * dead letters ({@code DEADNTF#{clientId}}), in the same transaction, so the merchant can list them.
     */
    public Optional<MerchantNotification> deadLetter(MerchantNotification expected, MerchantNotification next) {
        NotificationMachine.MACHINE.check(NotificationMachine.DEAD_LETTERED_EDGE, expected, next);
        return replaceAnd(expected, next, TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(deadLetterItem(next)).build()).build());
    }

    /**
     * As {@link #replace}, only while the payment is still SUCCESS: claiming a SUCCESS notification's attempt
     * and checking that the merchant has not reversed the payment are one transaction, so once a reversal
     * is written no attempt of it can start.
     */
    public Optional<MerchantNotification> replaceWhilePaid(MerchantNotification expected, MerchantNotification next) {
        NotificationMachine.MACHINE.check(NotificationMachine.ATTEMPT_CLAIMED, expected, next);
        return replaceAnd(expected, next, TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(PaymentItems.key(expected.paymentId()))
                .conditionExpression("#status = :paid")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":paid", s("SUCCESS")))
                .build()).build());
    }

    /** Puts a dead-lettered (or delivered) notification back in the queue, due now, off the dead-letter list. */
    public Optional<MerchantNotification> requeue(MerchantNotification expected, MerchantNotification next) {
        NotificationMachine.MACHINE.check(NotificationMachine.REQUEUED, expected, next);
        return replaceAnd(expected, next, TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(deadLetterKey(expected.clientId(), expected.notificationId())).build()).build());
    }

    /** A client's dead-lettered notifications, oldest first: one Query of its own partition. */
    public List<MerchantNotification> deadLettered(String clientId, int limit) {
        List<String> ids = dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK))
                        .expressionAttributeValues(Map.of(":pk", s(DEAD_PREFIX + clientId)))
                        .limit(limit))
                .items().stream().map(item -> str(item, "notificationId")).toList();
        return ids.stream().map(this::get).flatMap(Optional::stream).toList();
    }

    private Optional<MerchantNotification> replaceAnd(MerchantNotification expected, MerchantNotification next,
                                                      TransactWriteItem also) {
        MerchantNotification written = versioned(expected, next);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(written))
                            .conditionExpression("#version = :expected")
                            .expressionAttributeNames(Map.of("#version", "version"))
                            .expressionAttributeValues(Map.of(":expected", n(expected.version()))).build()).build(),
                    also));
            return Optional.of(written);
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        }
    }

    private Map<String, AttributeValue> deadLetterItem(MerchantNotification n) {
        Map<String, AttributeValue> item = new HashMap<>(deadLetterKey(n.clientId(), n.notificationId()));
        putS(item, "notificationId", n.notificationId());
        return item;
    }

    private static Map<String, AttributeValue> deadLetterKey(String clientId, String notificationId) {
        return Map.of(ScanpayTable.PK, s(DEAD_PREFIX + clientId), ScanpayTable.SK, s(notificationId));
    }

    /** Pending notifications whose attempt has come, oldest first: a Query per shard of the due index. */
    public List<MerchantNotification> due(Instant now, int limit) {
        return DueIndex.due(dynamo, table, ScanpayTable.notificationDueShards(), now, limit).stream()
                .map(NotificationStore::fromItem)
                .sorted(Comparator.comparing(MerchantNotification::nextCheckAt))
                .toList();
    }

    private static MerchantNotification versioned(MerchantNotification expected, MerchantNotification next) {
        return new MerchantNotification(next.notificationId(), next.paymentId(), next.clientId(),
                next.url(), next.body(), next.resultStatus(), next.status(), next.attempts(), next.createdAt(),
                next.nextCheckAt(), next.deliveredAt(), next.lastProblem(), expected.version() + 1, next.format(), next.claims());
    }

    static Map<String, AttributeValue> key(String notificationId) {
        return Map.of(ScanpayTable.PK, s(TYPE + "#" + notificationId), ScanpayTable.SK, s(TYPE));
    }

    private static MerchantNotification fromItem(Map<String, AttributeValue> item) {
        return new MerchantNotification(str(item, "notificationId"), str(item, "paymentId"), str(item, "clientId"),
                str(item, "url"), str(item, "body"), str(item, "resultStatus"),
                enumValue(item, "status", NotificationStatus.class), (int) num(item, "attempts"), time(item, "createdAt"),
                time(item, ScanpayTable.NEXT_CHECK_AT), time(item, "deliveredAt"), str(item, "lastProblem"), num(item, "version"),
                // absent on an item stored before claims were counted: then as many as its attempts
                enumValue(item, "format", NotifyFormat.class), (int) num(item, "claims"));
    }
}
