package dev.scanpay.core.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table, defined once: the local stack and tests create it from here, and a test checks that
 * template.yaml declares the same keys and index.
 *
 * <pre>
 * pk                         sk           what
 * PAY#{paymentId}            PAY          a payment
 * PAY#{paymentId}            REFUND#{id}  a refund of that payment (refunds by payment: one Query)
 * REQ#{clientId}#{requestId} REQ          idempotency key of a payment request -> paymentId, request hash
 * REFREQ#{clientId}#{reqId}  REFREQ       idempotency key of a refund request -> refundId, paymentId, hash
 * REFUND#{refundId}          REFUND       refund id -> paymentId and clientId (inquiryRefund by refundId)
 * CLIENT#{clientId}          CLIENT       a merchant or ISV with its public keys by version and notify URL prefixes
 *                                         (disabledAt once an operator disables it: the functions no longer find it)
 * CLIENTS                    {clientId}   the directory of clients (every client in one Query: the daily reports)
 * WALLET                     {walletId}   a wallet with its public keys by version (one partition: all wallets in one Query)
 * CODE#{token}               CODE         an order code, an entry-code payment's one-time code, or a store's entry code
 * ENTRY#{client}#{m}#{store} ENTRY        a store's one entry code, and its count of open page payments (the cap)
 * NTF#{notificationId}       NTF          a merchant notification (the outbox), with its attempts
 * DEADNTF#{clientId}         {notifId}    a client's dead-lettered notifications (listUndelivered: one Query)
 * AUDIT                      {ms}#{rand}  the operators' audit trail (scanpay-admin): one item per admin write, never changed
 * LEDGER#C#{clientId}#{day}  {time}#{id}  a ledger entry (money moved) in its client's business day; walletDay
 *                                         LEDGER#W#{walletId}#{day} puts it in its wallet's day (index ledger)
 * </pre>
 *
 * The {@code due} index is sparse: only items with {@code nextCheckAt} are in it, so finding the payments
 * that need attention costs what they number, not what the table holds. {@code dueShard} spreads them over
 * a few partitions: {@code DUE#n} for payments, {@code REFUND_DUE#n} for refunds, {@code NDUE#n} for
 * notifications, so no follow-up reads the others' items. The {@code ledger} index holds only ledger entries
 * (only they carry {@code walletDay}): a wallet's business day is one Query on it.
 */
public final class ScanpayTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String DUE_INDEX = "due";
    public static final String DUE_SHARD = "dueShard";
    public static final String NEXT_CHECK_AT = "nextCheckAt";
    public static final int DUE_SHARDS = 4;
    public static final String LEDGER_INDEX = "ledger";
    public static final String LEDGER_WALLET_DAY = "walletDay";

    private ScanpayTable() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(PK, ScalarAttributeType.S),
                        attribute(SK, ScalarAttributeType.S),
                        attribute(DUE_SHARD, ScalarAttributeType.S),
                        attribute(NEXT_CHECK_AT, ScalarAttributeType.N),
                        attribute(LEDGER_WALLET_DAY, ScalarAttributeType.S))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(DUE_INDEX)
                        .keySchema(key(DUE_SHARD, KeyType.HASH), key(NEXT_CHECK_AT, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build(), GlobalSecondaryIndex.builder()
                        .indexName(LEDGER_INDEX)
                        .keySchema(key(LEDGER_WALLET_DAY, KeyType.HASH), key(SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build();
    }

    /** Creates the table unless it exists; for the local stack and tests (the cloud gets it from SAM). */
    public static void ensure(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(createRequest(tableName));
        } catch (ResourceInUseException alreadyThere) {
            addMissingIndexes(dynamo, tableName);
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    /** A table kept from before an index was added (the local stack's data directory) gets the index now. */
    private static void addMissingIndexes(DynamoDbClient dynamo, String tableName) {
        TableDescription existing = dynamo.describeTable(b -> b.tableName(tableName)).table();
        java.util.Set<String> have = existing.hasGlobalSecondaryIndexes()
                ? existing.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                        .collect(java.util.stream.Collectors.toSet())
                : java.util.Set.of();
        CreateTableRequest wanted = createRequest(tableName);
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            if (have.contains(index.indexName())) {
                continue;
            }
            dynamo.updateTable(b -> b.tableName(tableName)
                    .attributeDefinitions(wanted.attributeDefinitions())
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.indexName())
                                    .keySchema(index.keySchema())
                                    .projection(index.projection())
                                    .build())
                            .build()));
        }
    }

    public static String dueShard(String id) {
        return "DUE#" + Math.floorMod(id.hashCode(), DUE_SHARDS);
    }

    /** Notifications are due in shards of their own, so a sweep of one kind reads none of the other. */
    public static String notificationDueShard(String id) {
        return "NDUE#" + Math.floorMod(id.hashCode(), DUE_SHARDS);
    }

    public static List<String> notificationDueShards() {
        return java.util.stream.IntStream.range(0, DUE_SHARDS).mapToObj(i -> "NDUE#" + i).toList();
    }

    public static List<String> dueShards() {
        return java.util.stream.IntStream.range(0, DUE_SHARDS).mapToObj(i -> "DUE#" + i).toList();
    }

    public static String refundDueShard(String refundId) {
        return "REFUND_DUE#" + Math.floorMod(refundId.hashCode(), DUE_SHARDS);
    }

    public static List<String> refundDueShards() {
        return java.util.stream.IntStream.range(0, DUE_SHARDS).mapToObj(i -> "REFUND_DUE#" + i).toList();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
