package dev.scanpay.core.signing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Request-Time and Response-Time. Both forms are in use by Alipay's own SDKs: epoch milliseconds
 * (global-open-sdk-java) and ISO 8601 with offset (ams-java-sdk, Alipay+ examples). The header is
 * signed verbatim, so we parse it only to check freshness.
 */
public final class RequestTime {

    /** How far a Request-Time may be from the gateway's clock before the request is refused as a replay. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private RequestTime() {
    }

    public static Optional<Instant> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{13}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        }
        if (value.matches("\\d{10}")) {
            // epoch seconds: not what the SDKs send, but unambiguous
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean isFresh(Instant requestTime, Instant now) {
        return Duration.between(requestTime, now).abs().compareTo(TOLERANCE) <= 0;
    }

    /** What the gateway sends: epoch milliseconds, as the current Antom SDK does. */
    public static String format(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
