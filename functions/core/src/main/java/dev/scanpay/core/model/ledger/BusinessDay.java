package dev.scanpay.core.model.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where one business day ends and the next begins: midnight in the settlement zone (UTC+8 by default, as
 * Alipay cuts its files). An entry belongs to the day its time falls in, so 23:59:59.999 and 00:00:00 in
 * the zone are on different days.
 */
public record BusinessDay(ZoneId zone) {

    /** Alipay's settlement zone. */
    public static final BusinessDay ALIPAY = new BusinessDay(ZoneOffset.ofHours(8));

    public BusinessDay {
        Objects.requireNonNull(zone, "zone");
    }

    public LocalDate of(Instant time) {
        return LocalDate.ofInstant(time, zone);
    }

    /** The first instant of {@code day}. */
    public Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant of the day after {@code day}. */
    public Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    /** The day before the one {@code now} falls in: the day a daily report run at {@code now} covers. */
    public LocalDate dayBefore(Instant now) {
        return of(now).minusDays(1);
    }
}
