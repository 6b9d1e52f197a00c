package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.enumValue;
import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.IssuedCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Issued codes by token ({@code CODE#{token}}): a GetItem, whatever the table holds. */
public class CodeStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public CodeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The item to write, for callers that write it in one transaction with what the code leads to. */
    public Map<String, AttributeValue> item(IssuedCode code) {
        Map<String, AttributeValue> item = new HashMap<>(key(code.token()));
        putS(item, "token", code.token());
        putS(item, "kind", code.kind().name());
        putS(item, "codeValue", code.codeValue());
        putS(item, "clientId", code.clientId());
        putS(item, "paymentId", code.paymentId());
        putTime(item, "expiresAt", code.expiresAt());
        return item;
    }

    public String table() {
        return table;
    }

    public void put(IssuedCode code) {
        dynamo.putItem(b -> b.tableName(table).item(item(code)).conditionExpression("attribute_not_exists(pk)"));
    }

    public Optional<IssuedCode> find(String token) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(token))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IssuedCode(str(item, "token"), enumValue(item, "kind", CodeKind.class), str(item, "codeValue"),
                str(item, "clientId"), str(item, "paymentId"), time(item, "expiresAt")));
    }

    static Map<String, AttributeValue> key(String token) {
        return Map.of(ScanpayTable.PK, s("CODE#" + token), ScanpayTable.SK, s("CODE"));
    }
}
