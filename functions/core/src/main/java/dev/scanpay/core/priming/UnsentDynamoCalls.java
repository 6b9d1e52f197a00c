package dev.scanpay.core.priming;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The DynamoDB writes and queries of a request, run through the SDK up to the wire and stopped there: each is
 * marshalled, signed and handed to the HTTP layer, and an interceptor ends it before anything is sent. So the
 * operations a function cannot prime with a real call (a write would be a side effect) still have their
 * marshallers and the SDK's pipeline loaded before the first request. The client is this class's own, with
 * placeholder credentials and no endpoint anyone listens on, and is closed after; a call never leaves it.
 */
final class UnsentDynamoCalls {

    /** What the interceptor throws: the one way every call here ends. */
    static final class Unsent extends RuntimeException {
        Unsent() {
            super("stopped before sending (priming)", null, false, false);
        }
    }

    private static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new Unsent();
        }
    }

    private UnsentDynamoCalls() {
    }

    /** @return how many calls were stopped before sending (all of them, unless the SDK changed its pipeline) */
    static int run(String table) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new StopBeforeSending())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build()))
                .build()) {
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("PAY#priming-no-such-payment"),
                    "sk", AttributeValue.fromS("PAYMENT"), "status", AttributeValue.fromS("PROCESSING"),
                    "amount", AttributeValue.fromN("100"));
            int stopped = 0;
            stopped += stopped(() -> client.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WALLET"))).consistentRead(true)));
            // the wallet directory and the sweeper read through the paginator, which has classes of its own
            stopped += stopped(() -> client.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WALLET")))).items().iterator().hasNext());
            stopped += stopped(() -> client.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build())));
            stopped += stopped(() -> client.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PROCESSING")))));
            stopped += stopped(() -> client.updateItem(u -> u.tableName(table)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SUCCESS")))));
            return stopped;
        }
    }

    private static int stopped(Runnable call) {
        try {
            call.run();
            throw new IllegalStateException("a priming call was not stopped before sending");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Unsent) {
                    return 1;
                }
            }
            throw e;
        }
    }
}
