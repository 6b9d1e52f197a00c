package dev.scanpay.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that passes every operation to the real one, except that while {@link #stall} is on,
 * the named operations wait (as a stalled DynamoDB would) until {@link #release} and then go through: the
 * write lands late, as writes do when DynamoDB recovers.
 */
public final class StallingDynamo {

    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Set<String> stalledOperations = Set.of();
    public final DynamoDbClient client;

    public StallingDynamo(DynamoDbClient delegate) {
        client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    CountDownLatch closed = gate.get();
                    if (closed != null && stalledOperations.contains(method.getName())) {
                        held.incrementAndGet();
                        // bounded, so a test that forgets to release fails instead of hanging
                        closed.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** From now on, these operations (e.g. "transactWriteItems") wait until {@link #release}. */
    public void stall(String... operations) {
        stalledOperations = Set.of(operations);
        gate.set(new CountDownLatch(1));
    }

    /** Lets every waiting call through, and the ones after it. */
    public void release() {
        CountDownLatch closed = gate.getAndSet(null);
        if (closed != null) {
            closed.countDown();
        }
    }

    /** How many calls have been held so far. */
    public int held() {
        return held.get();
    }
}
