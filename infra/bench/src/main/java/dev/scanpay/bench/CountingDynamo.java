package dev.scanpay.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A DynamoDB client that passes Query and Scan to the real one and counts what they read: calls,
 * {@code ScannedCount} (items read), {@code Count} (items returned) and the consumed read capacity, which it
 * asks for ({@code ReturnConsumedCapacity=TOTAL}; nothing else about the request changes). Every other
 * operation throws {@link UnsupportedOperationException} (the interface's default), so a store given this
 * client can do nothing here that is not counted. Not thread-safe: one caller at a time.
 */
final class CountingDynamo implements DynamoDbClient {

    private final DynamoDbClient delegate;
    long queries;
    long scans;
    long scannedCount;
    long count;
    double readUnits;
    /** Whether every response carried consumed capacity (DynamoDB Local may leave it out). */
    boolean capacityReported = true;
    /** Each distinct request shape (operation, index, key condition or filter, Limit) and how often it ran. */
    final Map<String, Integer> shapes = new LinkedHashMap<>();

    CountingDynamo(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    void reset() {
        queries = 0;
        scans = 0;
        scannedCount = 0;
        count = 0;
        readUnits = 0;
        capacityReported = true;
        shapes.clear();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request.toBuilder()
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        queries++;
        scannedCount += response.scannedCount();
        count += response.count();
        capacity(response.consumedCapacity());
        shapes.merge("Query index=" + request.indexName() + " key=`" + request.keyConditionExpression() + "`"
                + (request.filterExpression() == null ? "" : " filter=`" + request.filterExpression() + "`")
                + " Limit=" + request.limit(), 1, Integer::sum);
        return response;
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        ScanResponse response = delegate.scan(request.toBuilder()
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        scans++;
        scannedCount += response.scannedCount();
        count += response.count();
        capacity(response.consumedCapacity());
        shapes.merge("Scan index=" + request.indexName() + " filter=`" + request.filterExpression() + "`", 1, Integer::sum);
        return response;
    }

    private void capacity(ConsumedCapacity consumed) {
        if (consumed == null || consumed.capacityUnits() == null) {
            capacityReported = false;
        } else {
            readUnits += consumed.capacityUnits();
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** The real client belongs to the caller. */
    @Override
    public void close() {
    }
}
