package dev.scanpay.core.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Merchants and ISVs with their keys. Registration replaces the record, which is how keys are rotated. */
public class ClientStore {

    /** The partition listing every client id (sort key), beside each client's own item. */
    static final String DIRECTORY = "CLIENTS";

    private final DynamoDbClient dynamo;
    private final String table;

    public ClientStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void put(Client client) {
        Map<String, AttributeValue> item = new HashMap<>(key(client.clientId()));
        putS(item, "clientId", client.clientId());
        putS(item, "name", client.name());
        putS(item, "kind", client.kind().name());
        item.put("publicKeys", Attrs.stringMap(client.publicKeys()));
        if (!client.merchantIds().isEmpty()) {
            item.put("merchantIds", AttributeValue.fromSs(client.merchantIds().stream().sorted().toList()));
        }
        putS(item, "notifyUrl", client.notifyUrl());
        if (!client.notifyUrlPrefixes().isEmpty()) {
            item.put("notifyUrlPrefixes", AttributeValue.fromL(client.notifyUrlPrefixes().urls().stream().map(Attrs::s).toList()));
        }
        putTime(item, "createdAt", client.createdAt());
        // with its line in the directory of clients (one partition), so the daily reports can list every client
        // with a Query, never a Scan
        Map<String, AttributeValue> listed = Map.of(ScanpayTable.PK, s(DIRECTORY), ScanpayTable.SK, s(client.clientId()));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listed)).build()));
    }

    /** Every registered client's id, in order: one Query on the directory partition (paged). */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK))
                    .expressionAttributeValues(Map.of(":pk", s(DIRECTORY)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(str(item, ScanpayTable.SK)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    public Optional<Client> get(String clientId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(clientId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> keys = Attrs.stringMap(item, "publicKeys");
        AttributeValue merchants = item.get("merchantIds");
        Set<String> merchantIds = merchants == null ? Set.of() : Set.copyOf(merchants.ss());
        String notifyUrl = str(item, "notifyUrl");
        AttributeValue prefixes = item.get("notifyUrlPrefixes");
        // a client registered before prefixes existed: its default URL, chosen by whoever registered it, is its only one
        NotifyUrlPrefixes allowed = prefixes != null ? NotifyUrlPrefixes.of(prefixes.l().stream().map(AttributeValue::s).toList())
                : notifyUrl != null ? NotifyUrlPrefixes.covering(notifyUrl) : NotifyUrlPrefixes.NONE;
        return Optional.of(new Client(str(item, "clientId"), str(item, "name"),
                ClientKind.valueOf(str(item, "kind")), keys, merchantIds, notifyUrl, allowed,
                time(item, "createdAt")));
    }

    private static Map<String, AttributeValue> key(String clientId) {
        return Map.of(ScanpayTable.PK, s("CLIENT#" + clientId), ScanpayTable.SK, s("CLIENT"));
    }
}
