package dev.scanpay.bench;

import dev.scanpay.core.store.PaymentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A benchmark table's setup: items 0 to count - 1 made on {@code threads} threads, a block of 500 at a time, each
 * thread with its own core {@link PaymentStore} writing into a {@link CapturingDynamo} (so the items are exactly the
 * gateway's) and its own {@link ItemBatches} loading what it keeps; progress printed every 5 s.
 */
final class ParallelLoad {

    private static final int BLOCK = 500;

    /** Makes item {@code i} through {@code store}, then hands what {@code capture} caught to {@code batches}. */
    interface Maker {
        void make(int i, PaymentStore store, CapturingDynamo capture, ItemBatches batches);
    }

    private ParallelLoad() {
    }

    /** Runs it; answers the items written. {@code expected} is only for the progress lines. */
    static long run(DynamoDbClient db, String table, int count, int threads, long expected, Maker maker) {
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(pool.submit(() -> {
                CapturingDynamo capture = new CapturingDynamo();
                PaymentStore store = new PaymentStore(capture, table);
                ItemBatches batches = new ItemBatches(db, table, written);
                int from;
                while ((from = cursor.getAndAdd(BLOCK)) < count) {
                    for (int i = from; i < Math.min(from + BLOCK, count); i++) {
                        maker.make(i, store, capture, batches);
                    }
                }
                batches.finish();
                return null;
            }));
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "  loading: %,d of %,d items (%.0f%%), %.0f items/s%n", written.get(), expected,
                        100.0 * written.get() / expected, written.get() / seconds);
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("loading failed: " + e.getCause(), e.getCause());
        }
        return written.get();
    }
}
