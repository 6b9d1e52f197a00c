package dev.scanpay.merchantapi.support;

import dev.scanpay.dynamodb.EmbeddedDynamo;

/** One DynamoDB Local per test JVM; each harness takes its own table, so tests stay isolated. */
public final class SharedDynamo {

    private static EmbeddedDynamo instance;

    private SharedDynamo() {
    }

    public static synchronized EmbeddedDynamo get() {
        if (instance == null) {
            instance = EmbeddedDynamo.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
