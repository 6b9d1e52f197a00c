package dev.scanpay.core.service.reconcile;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times in the files: ISO 8601 to the millisecond, with the offset of the settlement zone (as Alipay's files). */
final class ReportTimes {

    private final DateTimeFormatter format;

    ReportTimes(ZoneId zone) {
        format = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(zone);
    }

    String format(Instant time) {
        return time == null ? "" : format.format(time);
    }
}
