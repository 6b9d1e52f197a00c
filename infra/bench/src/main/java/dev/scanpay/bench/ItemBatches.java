package dev.scanpay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Items loaded into a table 25 at a time (BatchWriteItem's most), counted into {@code written}. One per loader thread. */
final class ItemBatches {

    private static final int BATCH = 25;

    private final DynamoDbClient db;
    private final String table;
    private final AtomicLong written;
    private final List<WriteRequest> batch = new ArrayList<>(BATCH);

    ItemBatches(DynamoDbClient db, String table, AtomicLong written) {
        this.db = db;
        this.table = table;
        this.written = written;
    }

    void add(Map<String, AttributeValue> item) {
        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (batch.size() == BATCH) {
            finish();
        }
    }

    /** Writes what is left. */
    void finish() {
        if (!batch.isEmpty()) {
            SweepBench.flush(db, table, batch);
            written.addAndGet(batch.size());
            batch.clear();
        }
    }
}
