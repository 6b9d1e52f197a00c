package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.n;
import static dev.scanpay.core.store.Attrs.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of the sparse {@code due} index, the same for every kind of item in it (payments, refunds,
 * notifications, each under shards of its own): always a Query per shard, never a Scan, so the cost
 * follows what is due, not what the table holds.
 */
final class DueIndex {

    private static final Map<String, String> NAMES = Map.of("#shard", ScanpayTable.DUE_SHARD, "#next", ScanpayTable.NEXT_CHECK_AT);

    private DueIndex() {
    }

    /** Items of these shards due at {@code now}, at most {@code limit} per shard, oldest first within a shard. */
    static List<Map<String, AttributeValue>> due(DynamoDbClient dynamo, String table, List<String> shards, Instant now, int limit) {
        List<Map<String, AttributeValue>> due = new ArrayList<>();
        for (String shard : shards) {
            due.addAll(dynamo.query(b -> b.tableName(table)
                    .indexName(ScanpayTable.DUE_INDEX)
                    .keyConditionExpression("#shard = :shard AND #next <= :now")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":shard", s(shard), ":now", n(now.toEpochMilli())))
                    .limit(limit)).items());
        }
        return due;
    }

    /**
     * The earliest nextCheckAt after {@code now} and no later than {@code until} in these shards, if any:
     * one item read per shard, so a sweeper can wait for the next item to come due instead of polling.
     */
    static Optional<Instant> nextDueBetween(DynamoDbClient dynamo, String table, List<String> shards, Instant now, Instant until) {
        Optional<Instant> earliest = Optional.empty();
        for (String shard : shards) {
            var items = dynamo.query(b -> b.tableName(table)
                    .indexName(ScanpayTable.DUE_INDEX)
                    .keyConditionExpression("#shard = :shard AND #next BETWEEN :from AND :until")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":shard", s(shard), ":from", n(now.toEpochMilli() + 1),
                            ":until", n(until.toEpochMilli())))
                    .projectionExpression("#next")
                    .limit(1)).items();
            for (var item : items) {
                Instant at = Instant.ofEpochMilli(Long.parseLong(item.get(ScanpayTable.NEXT_CHECK_AT).n()));
                if (earliest.isEmpty() || at.isBefore(earliest.get())) {
                    earliest = Optional.of(at);
                }
            }
        }
        return earliest;
    }
}
