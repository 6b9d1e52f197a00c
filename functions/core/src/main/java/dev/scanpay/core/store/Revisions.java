package dev.scanpay.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The operator's records (clients, wallets) carry a revision, so a change made from what an operator read is
 * written only if nobody wrote the record since: two operators updating one client cannot silently undo each
 * other's keys. A record written by a plain {@code put} (the local stack's demo, tests) has none, which reads as
 * revision 0; the first guarded write gives it 1.
 */
final class Revisions {

    static final String ATTRIBUTE = "revision";

    private Revisions() {
    }

    /** The item's revision; 0 when it has none. */
    static long of(Map<String, AttributeValue> item) {
        AttributeValue revision = item.get(ATTRIBUTE);
        return revision == null ? 0 : Long.parseLong(revision.n());
    }

    /** A Put of {@code item} at the revision after {@code read}, on condition the record is still at {@code read}. */
    static Put guardedPut(String table, Map<String, AttributeValue> item, long read) {
        Map<String, AttributeValue> next = new HashMap<>(item);
        next.put(ATTRIBUTE, AttributeValue.fromN(Long.toString(read + 1)));
        Put.Builder put = Put.builder().tableName(table).item(next);
        if (read == 0) {
            return put.conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#rev)")
                    .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK, "#rev", ATTRIBUTE)).build();
        }
        return put.conditionExpression("#rev = :rev").expressionAttributeNames(Map.of("#rev", ATTRIBUTE))
                .expressionAttributeValues(Map.of(":rev", AttributeValue.fromN(Long.toString(read)))).build();
    }

    /**
     * Writes {@code guarded} (a {@link #guardedPut} or {@link #newRecord}) with {@code also} in one transaction; false,
     * and nothing written, when the record's own condition failed. Anything else (throttling, a conflict with another
     * transaction) is thrown, not passed off as someone else's change. A transaction whose answer was lost is
     * resent by the SDK with the same idempotency token, so it is not taken for a conflict with itself.
     */
    static boolean write(DynamoDbClient dynamo, Put guarded, TransactWriteItem... also) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(guarded).build());
        items.addAll(List.of(also));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /** A Put of a record that must not exist yet, at revision 1. */
    static Put newRecord(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> next = new HashMap<>(item);
        next.put(ATTRIBUTE, AttributeValue.fromN("1"));
        return Put.builder().tableName(table).item(next).conditionExpression(PaymentStore.NEW_ITEM_CONDITION).build();
    }
}
