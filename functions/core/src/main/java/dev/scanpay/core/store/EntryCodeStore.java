package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.EntryCode;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Entry codes: the code item at {@code CODE#{token}} (where order codes live too, so one GetItem resolves
 * any scanned code), and a key per store ({@code ENTRY#{client}#{merchant}#{store}}) written in the same
 * transaction, so a store has one code however often, and however concurrently, it is registered.
 */
public class EntryCodeStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public EntryCodeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param codeValue what the code's QR carries, kept beside it for the image renderer
     * @return the code as stored: {@code code} itself, or the store's existing code when it had one
     */
    public EntryCode register(EntryCode code, String codeValue) {
        Map<String, AttributeValue> storeKey = new HashMap<>(storeKey(code.clientId(), code.referenceMerchantId(), code.referenceStoreId()));
        putS(storeKey, "token", code.token());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(table).item(storeKey).conditionExpression(PaymentStore.NEW_ITEM_CONDITION)),
                    t -> t.put(p -> p.tableName(table).item(item(code, codeValue)).conditionExpression(PaymentStore.NEW_ITEM_CONDITION))));
            return code;
        } catch (TransactionCanceledException e) {
            return findByStore(code.clientId(), code.referenceMerchantId(), code.referenceStoreId())
                    .orElseThrow(() -> new IllegalStateException("entry code registration conflicted but nothing is stored", e));
        }
    }

    public Optional<EntryCode> findByStore(String clientId, String merchantId, String storeId) {
        Map<String, AttributeValue> key = dynamo.getItem(b -> b.tableName(table)
                .key(storeKey(clientId, merchantId, storeId)).consistentRead(true)).item();
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return find(str(key, "token"));
    }

    public Optional<EntryCode> find(String token) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(CodeStore.key(token)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !CodeKind.ENTRY.name().equals(str(item, "kind"))) {
            return Optional.empty();
        }
        return Optional.of(entryCode(item));
    }

    /**
     * Every store's entry code, or one client's, by client, merchant and store: a Scan filtered to entry codes,
     * which only the admin tool does (no function lists them).
     */
    public java.util.List<EntryCode> list(String clientIdOrNull) {
        Map<String, String> names = new HashMap<>(Map.of("#kind", "kind"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":entry", s(CodeKind.ENTRY.name())));
        String filter = "#kind = :entry";
        if (clientIdOrNull != null) {
            names.put("#client", "clientId");
            values.put(":client", s(clientIdOrNull));
            filter += " AND #client = :client";
        }
        String expression = filter;
        return dynamo.scanPaginator(b -> b.tableName(table).filterExpression(expression)
                        .expressionAttributeNames(names).expressionAttributeValues(values))
                .items().stream()
                .map(EntryCodeStore::entryCode)
                .sorted(java.util.Comparator.comparing(EntryCode::clientId).thenComparing(EntryCode::referenceMerchantId)
                        .thenComparing(EntryCode::referenceStoreId))
                .toList();
    }

    private static EntryCode entryCode(Map<String, AttributeValue> item) {
        return new EntryCode(str(item, "token"), str(item, "clientId"), str(item, "referenceMerchantId"),
                str(item, "merchantName"), str(item, "merchantMCC"), str(item, "merchantDisplayName"),
                str(item, "referenceStoreId"), str(item, "storeName"), str(item, "storeMCC"), str(item, "storeDisplayName"),
                Currency.getInstance(str(item, "currency")), str(item, "notifyUrl"), time(item, "createdAt"));
    }

    private Map<String, AttributeValue> item(EntryCode code, String codeValue) {
        Map<String, AttributeValue> item = new HashMap<>(CodeStore.key(code.token()));
        putS(item, "token", code.token());
        putS(item, "codeValue", codeValue);
        putS(item, "kind", CodeKind.ENTRY.name());
        putS(item, "clientId", code.clientId());
        putS(item, "referenceMerchantId", code.referenceMerchantId());
        putS(item, "merchantName", code.merchantName());
        putS(item, "merchantMCC", code.merchantMCC());
        putS(item, "merchantDisplayName", code.merchantDisplayName());
        putS(item, "referenceStoreId", code.referenceStoreId());
        putS(item, "storeName", code.storeName());
        putS(item, "storeMCC", code.storeMCC());
        putS(item, "storeDisplayName", code.storeDisplayName());
        putS(item, "currency", code.currency().getCurrencyCode());
        putS(item, "notifyUrl", code.notifyUrl());
        putTime(item, "createdAt", code.createdAt());
        return item;
    }

    /**
     * The store's key, which also carries its count of open entry-code payments: what a page payment's
     * {@code storeSlot} names (see {@link PaymentStore#create(dev.scanpay.core.model.payment.Payment, String, java.util.List,
     * PaymentStore.SlotCap)}).
     */
    public static String slotOf(EntryCode code) {
        return storeKey(code.clientId(), code.referenceMerchantId(), code.referenceStoreId()).get(ScanpayTable.PK).s();
    }

    private static Map<String, AttributeValue> storeKey(String clientId, String merchantId, String storeId) {
        // merchant and store ids are free text: encoded, so a '#' inside one cannot make two stores collide
        return Map.of(ScanpayTable.PK, s("ENTRY#" + clientId + "#" + encode(merchantId) + "#" + encode(storeId)),
                ScanpayTable.SK, s("ENTRY"));
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    }
}
