package dev.scanpay.core.model.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Gateway payment ids: 14 digits of UTC time (sortable, readable in logs) then 14 random digits. */
public final class PaymentIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentIds() {
    }

    public static String next(Clock clock) {
        StringBuilder id = new StringBuilder(STAMP.format(clock.instant()));
        for (int i = 0; i < 14; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }
}
