package dev.scanpay.bench;

import java.util.Arrays;

/** Medians and percentiles over plain sorted arrays: the sample counts here are small enough. */
final class Stats {

    private Stats() {
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** Nearest-rank percentile of an ascending array, {@code p} in (0, 100]. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ms(double value) {
        return String.format(java.util.Locale.ROOT, "%.0f", value);
    }

    static String ms1(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String ratio(double ours, double baseline) {
        return baseline == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", ours / baseline);
    }
}
