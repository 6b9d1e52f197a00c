package dev.scanpay.core.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how long a caller waits for an answer: the work runs on its own thread and the caller waits at most
 * the deadline. Work that is still running when the deadline passes is left to finish (never interrupted): a
 * payment half-way through its wallet call must still record what the wallet said, and the follow-up resolves
 * whatever it leaves open. The caller then answers "unknown", which the protocols tell clients to retry with
 * the same ids or to inquire.
 *
 * <p>Why a thread and not only the DynamoDB and wallet clients' own timeouts: those bound each call, but a
 * request makes several, each allowed its own retries; only a deadline on the whole answer keeps it under the
 * caller's read timeout (5 s for Alipay's SDK's pay) and well under the Lambda function's timeout, after which
 * the merchant would get API Gateway's unsigned 5xx instead of a signed answer.
 */
public final class AnswerDeadlines {

    private final ExecutorService pool;
    private final Duration usual;
    private final Duration pay;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param usual how long any call may take to answer
     * @param pay   how long a merchant's pay may take (shorter: Alipay's SDK reads a pay's answer for 5 s)
     */
    public AnswerDeadlines(Duration usual, Duration pay) {
        this.usual = usual;
        this.pay = pay;
        AtomicInteger threads = new AtomicInteger();
        // a thread per request in flight, kept a minute: requests that outlive their deadline must not queue others
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "answer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Work still running, its caller answered or not: a test waits for none before it reads what the work left. */
    public int inFlight() {
        return inFlight.get();
    }

    public Duration usual() {
        return usual;
    }

    public Duration pay() {
        return pay;
    }

    /**
     * The work's result, or empty when the deadline passed first. What the work throws is thrown here as it
     * was (an {@link Error} wrapped, so callers see only runtime exceptions).
     */
    public <T> Optional<T> within(Duration deadline, Supplier<T> work) {
        Future<T> running = pool.submit(() -> {
            inFlight.incrementAndGet();
            try {
                return work.get();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        try {
            return Optional.of(running.get(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
