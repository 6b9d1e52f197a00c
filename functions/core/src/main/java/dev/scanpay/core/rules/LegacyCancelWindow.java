package dev.scanpay.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When a legacy cancel is still allowed: the transaction's own day in GMT+8 (§8.5 "only within the transaction
 * day (GMT+8)"), plus 15 minutes past that day's midnight (§0, §7.3 "same day until T+1 00:15 UTC+8"), so a
 * payment made at 23:58 can still be cancelled by a till that gives up at 00:05. After that, a refund (§8.7).
 * A pure function of the transaction time and now.
 */
public final class LegacyCancelWindow {

    /** §8.5: the transaction day is counted in GMT+8 whatever the store's zone. */
    public static final ZoneOffset TRANSACTION_DAY_ZONE = dev.scanpay.core.wire.LegacyWire.ZONE;

    /** §0, §7.3: "until T+1 00:15 UTC+8". */
    public static final Duration BUFFER_PAST_MIDNIGHT = Duration.ofMinutes(15);

    private LegacyCancelWindow() {
    }

    /** The first instant at which a transaction created at {@code transactionTime} can no longer be cancelled. */
    public static Instant closesAt(Instant transactionTime) {
        LocalDate day = transactionTime.atOffset(TRANSACTION_DAY_ZONE).toLocalDate();
        return day.plusDays(1).atStartOfDay().toInstant(TRANSACTION_DAY_ZONE).plus(BUFFER_PAST_MIDNIGHT);
    }

    /**
     * True while the cancel may be taken: from the transaction (and before it, for a clock a little behind) up to,
     * not including, {@link #closesAt}.
     */
    public static boolean isOpen(Instant transactionTime, Instant now) {
        return now.isBefore(closesAt(transactionTime));
    }
}
