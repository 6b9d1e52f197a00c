package dev.scanpay.core.rules;

import java.time.Duration;
import java.util.List;

/**
 * When a merchant notification is tried: at once, then after 2 min, 10 min, 10 min, 1 h, 2 h, 6 h and 15 h
 * (Antom's documented schedule, about a day in all) until the merchant answers result S. After the last
 * attempt fails it is dead-lettered; the merchant can still have it resent.
 */
public final class NotificationSchedule {

    /** The wait before each attempt, the first being immediate. */
    public static final List<Duration> GAPS = List.of(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    /**
     * Sends whose outcome was never recorded (see {@code NotificationMachine}) a notification may have before the
     * next claim dead-letters it instead: each is a repeat that spends no attempt, so without a ceiling a notification
     * whose outcome can never be written would be sent at every lease's end, forever.
     */
    public static final int UNRECORDED_SENDS_LIMIT = 3;

    private NotificationSchedule() {
    }

    public static int maxAttempts() {
        return GAPS.size();
    }

    /** The wait after attempt number {@code attemptsMade} (1-based) failed; empty after the last one. */
    public static java.util.Optional<Duration> gapAfter(int attemptsMade) {
        return attemptsMade < GAPS.size() ? java.util.Optional.of(GAPS.get(attemptsMade)) : java.util.Optional.empty();
    }
}
