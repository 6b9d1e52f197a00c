package dev.scanpay.benchbaseline;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole baseline function: takes the same request the merchant API takes (same path, headers and body),
 * writes one item and answers a small JSON. No signature checks, no wallet call.
 */
@Controller
public class PutController {

    private final DynamoDbClient dynamo;
    private final String table;

    public PutController(DynamoDbClient dynamo, @Value("${bench.table:scanpay}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Serdeable
    public record Answer(boolean ok, String id) {
    }

    @Post(uri = "/ams/api/v1/payments/{operation}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public Answer put(String operation, @Body byte[] body) {
        String id = UUID.randomUUID().toString();
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("BASELINE#" + id),
                "sk", AttributeValue.fromS("BASELINE"),
                "operation", AttributeValue.fromS(operation),
                "body", AttributeValue.fromS(new String(body, StandardCharsets.UTF_8)))));
        return new Answer(true, id);
    }
}
