package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyCancelWindowTest {

    private static Instant gmt8(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    @ParameterizedTest
    @CsvSource({
            // transaction (GMT+8)     now (GMT+8)               open
            "2026-03-10T10:00:00,      2026-03-10T10:00:00,      true",
            "2026-03-10T10:00:00,      2026-03-10T23:59:59.999,  true",
            "2026-03-10T10:00:00,      2026-03-11T00:00:00,      true",
            "2026-03-10T10:00:00,      2026-03-11T00:14:59.999,  true",
            "2026-03-10T10:00:00,      2026-03-11T00:15:00,      false",
            "2026-03-10T10:00:00,      2026-03-11T10:00:00,      false",
            // the buffer is for the payment made just before midnight
            "2026-03-10T23:59:59.999,  2026-03-11T00:14:59.999,  true",
            "2026-03-10T23:59:59.999,  2026-03-11T00:15:00,      false",
            // a payment made just after midnight belongs to the new day, not to the buffer of the old one
            "2026-03-11T00:00:00,      2026-03-11T23:59:59,      true",
            "2026-03-11T00:05:00,      2026-03-12T00:14:59,      true",
            "2026-03-11T00:05:00,      2026-03-12T00:15:00,      false",
            // a clock a little behind the transaction's is still inside its day
            "2026-03-10T10:00:00,      2026-03-10T09:59:59,      true",
            // month and year ends
            "2026-02-28T22:00:00,      2026-03-01T00:14:00,      true",
            "2026-12-31T23:50:00,      2027-01-01T00:15:00,      false",
    })
    void theTransactionsOwnDayInGmt8PlusFifteenMinutes(String transaction, String now, boolean open) {
        assertThat(LegacyCancelWindow.isOpen(gmt8(transaction), gmt8(now))).isEqualTo(open);
    }

    @Test
    void theDayIsGmt8sNotUtcs() {
        // 2026-03-10T17:00Z is already 01:00 on the 11th in GMT+8: the window runs to the 12th, 00:15 GMT+8
        Instant transaction = Instant.parse("2026-03-10T17:00:00Z");
        assertThat(LegacyCancelWindow.closesAt(transaction)).isEqualTo(Instant.parse("2026-03-11T16:15:00Z"));
        // 2026-03-10T15:59Z is 23:59 on the 10th in GMT+8: closes at 00:15 on the 11th GMT+8 (16:15Z on the 10th)
        assertThat(LegacyCancelWindow.closesAt(Instant.parse("2026-03-10T15:59:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T16:15:00Z"));
    }
}
