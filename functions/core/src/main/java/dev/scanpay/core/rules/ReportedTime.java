package dev.scanpay.core.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * A time a wallet reports (paymentTime, refundTime), kept within what can be true. A wallet's clock may be a
 * little ahead of ours, but a payment cannot be paid before it was created nor far in the future: an
 * unbounded time would close the cancel window at once (year 2020) or overflow every later date sum
 * (year +999999999).
 */
public final class ReportedTime {

    /** How far ahead of the gateway's clock a wallet's clock may be. */
    public static final Duration SKEW = Duration.ofMinutes(1);

    private ReportedTime() {
    }

    /** {@code reported} clamped to [{@code notBefore}, {@code now} + {@link #SKEW}]; {@code now} when absent. */
    public static Instant clamp(Instant reported, Instant notBefore, Instant now) {
        if (reported == null) {
            return now;
        }
        Instant latest = now.plus(SKEW);
        if (reported.isAfter(latest)) {
            return latest;
        }
        return notBefore != null && reported.isBefore(notBefore) ? notBefore : reported;
    }
}
