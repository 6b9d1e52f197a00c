package dev.scanpay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * A closed loop: {@code threads} workers each repeat one operation back to back for warm-up + measure seconds.
 * Only operations that both start and end inside the measured window count.
 */
final class LoadRunner {

    /** What a worker does once; returns what happened and the latency window it measured. */
    interface Operation {
        Sample run() throws Exception;
    }

    /** {@code outcome} is "SUCCESS" or why not (a result code, HTTP status, bad signature). */
    record Sample(long startNanos, long endNanos, String outcome) {
    }

    record Result(int threads, double seconds, long[] sortedLatencyNanos, Map<String, Integer> failures) {

        long successes() {
            return sortedLatencyNanos.length;
        }

        double perSecond() {
            return successes() / seconds;
        }

        double p50Millis() {
            return Stats.percentile(sortedLatencyNanos, 50) / 1e6;
        }

        double p99Millis() {
            return Stats.percentile(sortedLatencyNanos, 99) / 1e6;
        }

        int failureCount() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        String failureSummary() {
            return failures.isEmpty() ? "0" : failureCount() + " " + failures;
        }
    }

    private LoadRunner() {
    }

    /** Each phase starts from the same state: the previous phase's garbage collected, its stragglers done. */
    private static void settle() {
        System.gc();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Result run(int threads, double warmupSeconds, double measureSeconds, IntFunction<Operation> workerFactory) {
        settle();
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            operations.add(workerFactory.apply(i));
        }
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        List<Map<String, Integer>> failures = new ArrayList<>();
        long[] window = new long[2];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int index = i;
            failures.add(new TreeMap<>());
            latencies[i] = new long[1024];
            workers[i] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Operation operation = operations.get(index);
                long measureStart = window[0];
                long measureEnd = window[1];
                while (System.nanoTime() < measureEnd) {
                    Sample sample;
                    try {
                        sample = operation.run();
                    } catch (Exception e) {
                        long now = System.nanoTime();
                        sample = new Sample(now, now, "ERROR " + e.getClass().getSimpleName());
                    }
                    if (sample.startNanos() < measureStart || sample.endNanos() > measureEnd) {
                        continue;
                    }
                    if ("SUCCESS".equals(sample.outcome())) {
                        if (counts[index] == latencies[index].length) {
                            latencies[index] = Arrays.copyOf(latencies[index], counts[index] * 2);
                        }
                        latencies[index][counts[index]++] = sample.endNanos() - sample.startNanos();
                    } else {
                        failures.get(index).merge(sample.outcome(), 1, Integer::sum);
                    }
                }
            }, "load-" + threads + "-" + i);
            workers[i].start();
        }
        try {
            ready.await();
            long start = System.nanoTime();
            window[0] = start + (long) (warmupSeconds * 1e9);
            window[1] = window[0] + (long) (measureSeconds * 1e9);
            go.countDown();   // happens-before: the workers read window[] after await()
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < threads; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        Map<String, Integer> merged = new TreeMap<>();
        failures.forEach(m -> m.forEach((k, v) -> merged.merge(k, v, Integer::sum)));
        return new Result(threads, measureSeconds, all, merged);
    }
}
