package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operators' audit trail: one item per admin write, in one partition ({@code AUDIT}) sorted by time, so the
 * trail since a moment is one Query. Items are only ever added (a conditional put on a fresh key); nothing here
 * changes or deletes one. What goes in is the caller's: who (an identity, never a credential), the command,
 * the record it changed, and the record before and after as JSON, which must carry no secret.
 */
public class AuditStore {

    private static final String PARTITION = "AUDIT";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;

    public AuditStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * One admin write.
     *
     * @param subject what was changed, e.g. {@code client ACME_POS}
     * @param before  the record before, as JSON without secrets; null when it is new
     * @param after   the record after, as JSON without secrets
     */
    public record Entry(String id, Instant at, String who, String command, String subject, String before, String after) {
    }

    /** Appends an entry at {@code at}; returns it with its id. */
    public Entry append(Instant at, String who, String command, String subject, String before, String after) {
        Entry entry = new Entry(sortKey(at), at, who, command, subject, before, after);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ScanpayTable.PK, s(PARTITION));
        item.put(ScanpayTable.SK, s(entry.id()));
        putTime(item, "at", at);
        putS(item, "who", who);
        putS(item, "command", command);
        putS(item, "subject", subject);
        putS(item, "before", before);
        putS(item, "after", after);
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        return entry;
    }

    /** The entries at or after {@code since}, oldest first. */
    public List<Entry> since(Instant since) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND #sk >= :since")
                        .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK, "#sk", ScanpayTable.SK))
                        .expressionAttributeValues(Map.of(":pk", s(PARTITION), ":since", s(millis(since)))))
                .items().stream()
                .map(item -> new Entry(str(item, ScanpayTable.SK), time(item, "at"), str(item, "who"), str(item, "command"),
                        str(item, "subject"), str(item, "before"), str(item, "after")))
                .toList();
    }

    /** Fixed-width epoch milliseconds, so the keys sort by time, and a random part, so two entries never meet. */
    private static String sortKey(Instant at) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return millis(at) + "#" + HexFormat.of().formatHex(random);
    }

    private static String millis(Instant at) {
        return String.format("%015d", Math.max(0, at.toEpochMilli()));
    }
}
