package dev.scanpay.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that passes every operation to the real one and counts them by name (getItem, query,
 * transactWriteItems, ...), so a test can say what a request cost. A proxy rather than a hand-written
 * wrapper: no operation can slip past uncounted.
 */
public final class CountingDynamo {

    private static final Set<String> NOT_REQUESTS = Set.of("close", "serviceName", "serviceClientConfiguration", "waiter",
            "utilities", "toString", "hashCode", "equals");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    public final DynamoDbClient client;

    public CountingDynamo(DynamoDbClient delegate) {
        client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (!NOT_REQUESTS.contains(method.getName())) {
                        calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Requests since the last reset, by operation name, sorted. */
    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((name, count) -> snapshot.put(name, count.get()));
        return snapshot;
    }

    public void reset() {
        calls.clear();
    }
}
