package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;

import dev.scanpay.core.model.wallet.Wallet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Registered wallets, all in one partition so the router loads them with a single Query. A disabled wallet
 * ({@code disabledAt} set, by the admin tool) keeps its record for the operator, but {@link #get} and
 * {@link #all} leave it out, so nothing is routed to it and its calls are not accepted.
 */
public class WalletStore {

    private static final String PARTITION = "WALLET";

    private final DynamoDbClient dynamo;
    private final String table;

    public WalletStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A wallet as the operator sees it: the record and when it was disabled (null while it is live). */
    public record Registration(Wallet wallet, java.time.Instant disabledAt, long revision) {
        public boolean disabled() {
            return disabledAt != null;
        }
    }

    /** Registers (or re-registers, live again) the wallet. */
    public void put(Wallet wallet) {
        dynamo.putItem(b -> b.tableName(table).item(item(wallet)));
    }

    /** Registers a new wallet at revision 1; false, and nothing written, when the id is already registered. */
    public boolean add(Wallet wallet) {
        return Revisions.write(dynamo, Revisions.newRecord(table, item(wallet)));
    }

    /**
     * Writes {@code next} over the registration read as {@code before}, disabled from {@code disabledAt} (null: live),
     * if nobody wrote it since; false, and nothing written, when someone did.
     */
    public boolean replace(Registration before, Wallet next, java.time.Instant disabledAt) {
        Map<String, AttributeValue> item = item(next);
        if (disabledAt != null) {
            Attrs.putTime(item, "disabledAt", disabledAt);
        }
        return Revisions.write(dynamo, Revisions.guardedPut(table, item, before.revision()));
    }

    /** The wallet, live or disabled (the admin tool's view). */
    public java.util.Optional<Registration> registration(String walletId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(ScanpayTable.PK, s(PARTITION), ScanpayTable.SK, s(walletId)))).item();
        return item == null || item.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(registration(item));
    }

    /** Every wallet, live and disabled, in one Query. */
    public List<Registration> registrations() {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK))
                        .expressionAttributeValues(Map.of(":pk", s(PARTITION))))
                .items().stream()
                .map(WalletStore::registration)
                .toList();
    }

    private static Map<String, AttributeValue> item(Wallet wallet) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ScanpayTable.PK, s(PARTITION));
        item.put(ScanpayTable.SK, s(wallet.walletId()));
        putS(item, "walletId", wallet.walletId());
        putS(item, "pspName", wallet.pspName());
        putS(item, "endpoint", wallet.endpoint());
        item.put("publicKeys", Attrs.stringMap(wallet.publicKeys()));
        item.put("codePrefixes", AttributeValue.fromL(wallet.codePrefixes().stream().map(Attrs::s).toList()));
        putS(item, "cashierUrl", wallet.cashierUrl());
        putS(item, "userAgentMarker", wallet.userAgentMarker());
        return item;
    }

    /** One wallet by id: a single GetItem, so an unknown Client-Id on the wallet API costs no more than that. */
    public java.util.Optional<Wallet> get(String walletId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(ScanpayTable.PK, s(PARTITION), ScanpayTable.SK, s(walletId)))).item();
        return item == null || item.isEmpty() || item.containsKey("disabledAt") ? java.util.Optional.empty()
                : java.util.Optional.of(registration(item).wallet());
    }

    /** The live wallets, as the router loads them. */
    public List<Wallet> all() {
        return registrations().stream().filter(r -> !r.disabled()).map(Registration::wallet).toList();
    }

    private static Registration registration(Map<String, AttributeValue> item) {
        Map<String, String> keys = new HashMap<>(Attrs.stringMap(item, "publicKeys"));
        if (item.containsKey("publicKey")) {
            // written before wallets held several keys: one key and its version
            keys.putIfAbsent(str(item, "keyVersion"), str(item, "publicKey"));
        }
        return new Registration(new Wallet(str(item, "walletId"), str(item, "pspName"), str(item, "endpoint"), keys,
                item.get("codePrefixes").l().stream().map(AttributeValue::s).toList(),
                str(item, "cashierUrl"), str(item, "userAgentMarker")), Attrs.time(item, "disabledAt"), Revisions.of(item));
    }
}
