package dev.scanpay.core.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A real DynamoDB Local client that cancels the next transactions the way DynamoDB does when another
 * transaction holds one of their items ({@code TransactionConflict}), which DynamoDB Local itself does not
 * reproduce: it serializes transactions.
 */
public final class ConflictInjectingDynamo implements DynamoDbClient {

    private final DynamoDbClient real;
    private final AtomicInteger conflictsLeft;
    private final int conflictingItem;

    /** @param conflictingItem index of the transaction item that is held by another transaction */
    public ConflictInjectingDynamo(DynamoDbClient real, int conflicts, int conflictingItem) {
        this.real = real;
        this.conflictsLeft = new AtomicInteger(conflicts);
        this.conflictingItem = conflictingItem;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        if (conflictsLeft.getAndDecrement() > 0) {
            List<CancellationReason> reasons = new java.util.ArrayList<>();
            for (int i = 0; i < request.transactItems().size(); i++) {
                reasons.add(i == conflictingItem
                        ? CancellationReason.builder().code("TransactionConflict")
                                .message("Transaction is ongoing for the item").build()
                        : CancellationReason.builder().code("None").build());
            }
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                    .cancellationReasons(reasons)
                    .build();
        }
        return real.transactWriteItems(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return real.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return real.putItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return real.query(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // the real client belongs to the test class
    }
}
