package dev.scanpay.core.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A real DynamoDB Local client that keeps every write it sends, one {@link Write} per item written (each item
 * of a transaction on its own), so a test can pin the condition a store really sends rather than a constant
 * compared with itself.
 */
public final class RecordingDynamo {

    /** One item written: how, the partition key, the condition, and the values the condition names. */
    public record Write(String kind, String pk, String condition, Map<String, AttributeValue> values) {
        public String value(String name) {
            AttributeValue value = values == null ? null : values.get(name);
            return value == null ? null : value.n() != null ? value.n() : value.s();
        }
    }

    private final List<Write> writes = new ArrayList<>();
    private final DynamoDbClient client;

    public RecordingDynamo(DynamoDbClient real) {
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object request = args == null || args.length != 1 ? null : args[0];
                    if (method.isDefault() && request instanceof java.util.function.Consumer<?>) {
                        // the consumer-builder overloads build the request and come back through the proxy
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    record(request);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public DynamoDbClient client() {
        return client;
    }

    /** What was written since the last call, and forgets it. */
    public synchronized List<Write> take() {
        List<Write> taken = List.copyOf(writes);
        writes.clear();
        return taken;
    }

    private synchronized void record(Object request) {
        if (request instanceof PutItemRequest put) {
            writes.add(new Write("Put", pk(put.item()), put.conditionExpression(), put.expressionAttributeValues()));
        } else if (request instanceof UpdateItemRequest update) {
            writes.add(new Write("Update", pk(update.key()), update.conditionExpression(), update.expressionAttributeValues()));
        } else if (request instanceof DeleteItemRequest delete) {
            writes.add(new Write("Delete", pk(delete.key()), delete.conditionExpression(), delete.expressionAttributeValues()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                if (item.put() != null) {
                    writes.add(new Write("Put", pk(item.put().item()), item.put().conditionExpression(),
                            item.put().expressionAttributeValues()));
                } else if (item.update() != null) {
                    writes.add(new Write("Update", pk(item.update().key()), item.update().conditionExpression(),
                            item.update().expressionAttributeValues()));
                } else if (item.conditionCheck() != null) {
                    writes.add(new Write("ConditionCheck", pk(item.conditionCheck().key()),
                            item.conditionCheck().conditionExpression(), item.conditionCheck().expressionAttributeValues()));
                } else if (item.delete() != null) {
                    writes.add(new Write("Delete", pk(item.delete().key()), item.delete().conditionExpression(),
                            item.delete().expressionAttributeValues()));
                }
            }
        }
    }

    private static String pk(Map<String, AttributeValue> item) {
        AttributeValue pk = item == null ? null : item.get("pk");
        return pk == null ? null : pk.s();
    }
}
