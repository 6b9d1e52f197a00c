package dev.scanpay.core.testing;

import dev.scanpay.core.store.ScanpayTable;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh Scanpay table per test, so tests sharing one DynamoDB Local never see each other's items. */
public final class DynamoTables {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private DynamoTables() {
    }

    public static String fresh(DynamoDbClient dynamo) {
        String name = "scanpay-test-" + NEXT.incrementAndGet();
        ScanpayTable.ensure(dynamo, name);
        return name;
    }
}
