package dev.scanpay.bench;

import dev.scanpay.core.store.ScanpayTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * A DynamoDB client that writes nothing: it keeps the items a {@code PaymentStore} puts (by
 * TransactWriteItems or PutItem), the last put of each key winning, as the table would. The benchmark
 * drives core's own store through it ({@code create}, then {@code replace}) to get exactly the items the
 * gateway writes (core's item mapping is package-private), then loads them with BatchWriteItem. Conditions
 * are not checked: each key is fresh. Every other operation throws. One per thread.
 */
final class CapturingDynamo implements DynamoDbClient {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        for (TransactWriteItem write : request.transactItems()) {
            if (write.put() == null) {
                throw new UnsupportedOperationException("only puts are captured: " + write);
            }
            keep(write.put().item());
        }
        return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        keep(request.item());
        return PutItemResponse.builder().build();
    }

    private void keep(Map<String, AttributeValue> item) {
        items.put(item.get(ScanpayTable.PK).s() + "\u0000" + item.get(ScanpayTable.SK).s(), item);
    }

    /** The items put since the last call, as the table would hold them; clears them. */
    List<Map<String, AttributeValue>> drain() {
        List<Map<String, AttributeValue>> out = new ArrayList<>(items.values());
        items.clear();
        return out;
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
