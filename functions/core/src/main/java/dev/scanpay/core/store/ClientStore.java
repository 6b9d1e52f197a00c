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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Merchants and ISVs with their keys. Registration replaces the record, which is how keys are rotated. A
 * disabled client ({@code disabledAt} set, by the admin tool) keeps its record for the operator, but
 * {@link #get} no longer finds it, so every function treats it as unknown.
 */
public class ClientStore {

    /** The partition listing every client id (sort key), beside each client's own item. */
    static final String DIRECTORY = "CLIENTS";

    private final DynamoDbClient dynamo;
    private final String table;

    public ClientStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * A client as the operator sees it: the record, when it was disabled (null while it is live), and the revision it
     * was read at ({@link #replace} writes over that revision only).
     */
    public record Registration(Client client, Instant disabledAt, long revision) {
        public boolean disabled() {
            return disabledAt != null;
        }
    }

    /** Registers (or re-registers, live again) the client. */
    public void put(Client client) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(client))).build(),
                directoryLine(client.clientId())));
    }

    /**
     * Registers a new client (with its directory line) at revision 1; false, and nothing written, when the id is
     * already registered.
     */
    public boolean add(Client client) {
        return Revisions.write(dynamo, Revisions.newRecord(table, item(client)), directoryLine(client.clientId()));
    }

    /**
     * Writes {@code next} over the registration read as {@code before}, disabled from {@code disabledAt} (null: live),
     * if nobody wrote it since; false, and nothing written, when someone did.
     */
    public boolean replace(Registration before, Client next, Instant disabledAt) {
        Map<String, AttributeValue> item = item(next);
        if (disabledAt != null) {
            putTime(item, "disabledAt", disabledAt);
        }
        return Revisions.write(dynamo, Revisions.guardedPut(table, item, before.revision()), directoryLine(next.clientId()));
    }

    /**
     * The client's line in the directory of clients (one partition), written with every registration, so the daily
     * reports list every client with a Query, never a Scan.
     */
    private TransactWriteItem directoryLine(String clientId) {
        Map<String, AttributeValue> listed = Map.of(ScanpayTable.PK, s(DIRECTORY), ScanpayTable.SK, s(clientId));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(listed)).build();
    }

    /** The live client, as every function reads it; a disabled one is not found. */
    public Optional<Client> get(String clientId) {
        return read(clientId, false).filter(r -> !r.disabled()).map(Registration::client);
    }

    /** The client, live or disabled (the admin tool's view). */
    public Optional<Registration> registration(String clientId) {
        return read(clientId, true);
    }

    private Optional<Registration> read(String clientId, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(clientId)).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(registration(item));
    }

    /**
     * Every client, live and disabled, by id: a Scan of the table filtered to client records, which only the
     * admin tool does (no function lists clients).
     */
    public List<Registration> registrations() {
        return dynamo.scanPaginator(b -> b.tableName(table)
                        .filterExpression("#sk = :client")
                        .expressionAttributeNames(Map.of("#sk", ScanpayTable.SK))
                        .expressionAttributeValues(Map.of(":client", s("CLIENT"))))
                .items().stream()
                .map(ClientStore::registration)
                .sorted(java.util.Comparator.comparing(r -> r.client().clientId()))
                .toList();
    }

    private static Map<String, AttributeValue> item(Client client) {
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
        return item;
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

    private static Registration registration(Map<String, AttributeValue> item) {
        Map<String, String> keys = Attrs.stringMap(item, "publicKeys");
        AttributeValue merchants = item.get("merchantIds");
        Set<String> merchantIds = merchants == null ? Set.of() : Set.copyOf(merchants.ss());
        String notifyUrl = str(item, "notifyUrl");
        AttributeValue prefixes = item.get("notifyUrlPrefixes");
        // a client registered before prefixes existed: its default URL, chosen by whoever registered it, is its only one
        NotifyUrlPrefixes allowed = prefixes != null ? NotifyUrlPrefixes.of(prefixes.l().stream().map(AttributeValue::s).toList())
                : notifyUrl != null ? NotifyUrlPrefixes.covering(notifyUrl) : NotifyUrlPrefixes.NONE;
        return new Registration(new Client(str(item, "clientId"), str(item, "name"),
                ClientKind.valueOf(str(item, "kind")), keys, merchantIds, notifyUrl, allowed,
                time(item, "createdAt")), time(item, "disabledAt"), Revisions.of(item));
    }

    private static Map<String, AttributeValue> key(String clientId) {
        return Map.of(ScanpayTable.PK, s("CLIENT#" + clientId), ScanpayTable.SK, s("CLIENT"));
    }
}
