package dev.scanpay.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that passes every operation to the real one, with two faults on request: while
 * {@link #stall} is on, the named operations wait (as a stalled DynamoDB would) until {@link #release} and then
 * go through, so the write lands late as writes do when DynamoDB recovers; {@link #loseAnswers} lets the
 * next calls of an operation land and then throws as if their answer had been lost on the way back; and
 * {@link #failCalls} throws before the next calls of an operation reach DynamoDB (an error: nothing lands).
 */
public final class FaultyDynamo {

    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Set<String> stalledOperations = Set.of();
    private final java.util.Map<String, AtomicInteger> answersToLose = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, AtomicInteger> callsToFail = new java.util.concurrent.ConcurrentHashMap<>();
    public final DynamoDbClient client;

    public FaultyDynamo(DynamoDbClient delegate) {
        client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    CountDownLatch closed = gate.get();
                    if (closed != null && stalledOperations.contains(method.getName())) {
                        held.incrementAndGet();
                        // bounded, so a test that forgets to release fails instead of hanging
                        closed.await(30, TimeUnit.SECONDS);
                    }
                    AtomicInteger toFail = callsToFail.get(method.getName());
                    if (toFail != null && toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw SdkClientException.create(method.getName() + " failed before reaching DynamoDB (test fault)");
                    }
                    Object answer;
                    try {
                        answer = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    AtomicInteger toLose = answersToLose.get(method.getName());
                    if (toLose != null && toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw SdkClientException.create("the answer of " + method.getName() + " was lost (test fault)");
                    }
                    return answer;
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

    /** The next {@code count} calls of {@code operation} land, and their callers get an exception instead of the answer. */
    public void loseAnswers(String operation, int count) {
        answersToLose.computeIfAbsent(operation, k -> new AtomicInteger()).set(count);
    }

    /** The next {@code count} calls of {@code operation} fail without reaching DynamoDB: nothing they carry lands. */
    public void failCalls(String operation, int count) {
        callsToFail.computeIfAbsent(operation, k -> new AtomicInteger()).set(count);
    }

    /** How many calls have been held so far. */
    public int held() {
        return held.get();
    }
}
