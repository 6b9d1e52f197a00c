package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.s;

import dev.scanpay.core.model.ledger.LedgerEntry;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the ledger a business day at a time: one client's day is a Query on its partition, one wallet's day a
 * Query on the {@code ledger} index; never a Scan. Entries come a page at a time, oldest first (then by id),
 * and are handed on as they come, so a day of any size is never held in memory. Entries are written only by
 * {@link PaymentStore} and {@link RefundStore}, with the change that moved the money.
 */
public class LedgerStore {

    /** Entries one Query page reads. */
    static final int PAGE = 500;

    private final DynamoDbClient dynamo;
    private final String table;

    public LedgerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every entry of {@code clientId}'s {@code day}, in order; answers how many items were read. */
    public long forEachOfClient(String clientId, LocalDate day, Consumer<LedgerEntry> each) {
        return query(null, ScanpayTable.PK, LedgerItems.clientDay(clientId, day), true, each);
    }

    /** Every entry of {@code walletId}'s {@code day}, in order; answers how many items were read. */
    public long forEachOfWallet(String walletId, LocalDate day, Consumer<LedgerEntry> each) {
        return query(ScanpayTable.LEDGER_INDEX, ScanpayTable.LEDGER_WALLET_DAY, LedgerItems.walletDay(walletId, day),
                false, each);
    }

    private long query(String index, String keyName, String key, boolean consistent, Consumer<LedgerEntry> each) {
        long read = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", keyName))
                    .expressionAttributeValues(Map.of(":k", s(key)))
                    .limit(PAGE)
                    .exclusiveStartKey(start);
            if (index != null) {
                request.indexName(index);
            } else {
                request.consistentRead(consistent);
            }
            QueryResponse page = dynamo.query(request.build());
            read += page.count();
            page.items().forEach(item -> each.accept(LedgerItems.fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return read;
    }
}
