package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The timetable of follow-ups: protocol §7.1 (inquire at 3 s), §4.2 / §7.3 (cancel until T+1 00:15 UTC+8). */
class FollowUpScheduleTest {

    static List<Long> inquiryGapsSeconds(int count) {
        List<Long> gaps = new ArrayList<>();
        for (int done = 0; done < count; done++) {
            gaps.add(FollowUpSchedule.inquiryGap(done).toSeconds());
        }
        return gaps;
    }

    @Test
    void inquiriesStartEveryThreeSecondsForTenTries() {
        // Alipay's UPM best practice: 10-20 inquiries at 3 s intervals
        assertThat(inquiryGapsSeconds(10)).containsOnly(3L);
    }

    @Test
    void inquiryGapsThenGrowAndNeverShrink() {
        List<Long> gaps = inquiryGapsSeconds(40);
        assertThat(gaps).isSorted();
        assertThat(gaps.get(10)).isGreaterThan(3L);
        assertThat(gaps.subList(10, 19)).containsExactly(5L, 5L, 5L, 5L, 10L, 10L, 15L, 15L, 30L);
    }

    @Test
    void inquiryGapStaysAtThirtySecondsForever() {
        assertThat(FollowUpSchedule.inquiryGap(18)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FollowUpSchedule.inquiryGap(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FollowUpSchedule.inquiryGap(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void cancelGapsAreTwoThreeThreeFiveFiveTenThirtySixtyThenFiveMinutesForever() {
        List<Long> gaps = new ArrayList<>();
        for (int done = 0; done < 12; done++) {
            gaps.add(FollowUpSchedule.cancelGap(done).toSeconds());
        }
        assertThat(gaps).containsExactly(2L, 3L, 3L, 5L, 5L, 10L, 30L, 60L, 300L, 300L, 300L, 300L);
        assertThat(FollowUpSchedule.cancelGap(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void userPresentedWindows() {
        assertThat(FollowUpSchedule.DEFAULT_USER_PRESENTED_WINDOW).isEqualTo(Duration.ofMinutes(2));
        assertThat(FollowUpSchedule.MAX_USER_PRESENTED_WINDOW).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest(name = "paid {0} -> cancellable until {1}")
    @CsvSource({
            "2026-11-23T10:00:00+08:00, 2026-11-24T00:15:00+08:00",
            "2026-11-23T23:59:00+08:00, 2026-11-24T00:15:00+08:00",
            "2026-11-23T23:59:59.999+08:00, 2026-11-24T00:15:00+08:00",
            "2026-11-23T00:00:00+08:00, 2026-11-24T00:15:00+08:00",
            "2026-11-24T00:10:00+08:00, 2026-11-25T00:15:00+08:00",
            // the day is UTC+8's, whatever offset the payment was made in
            "2026-11-23T16:30:00Z,      2026-11-25T00:15:00+08:00",
            "2026-11-23T15:59:00Z,      2026-11-24T00:15:00+08:00",
            "2026-11-23T08:00:00-08:00, 2026-11-25T00:15:00+08:00",
            // month and year ends
            "2026-12-31T12:00:00+08:00, 2027-01-01T00:15:00+08:00",
            "2028-02-28T12:00:00+08:00, 2028-02-29T00:15:00+08:00"})
    void cancelWindowEndsAtQuarterPastMidnightUtc8AfterThePaymentDay(String paid, String windowEnd) {
        assertThat(FollowUpSchedule.cancelWindowEnd(OffsetDateTime.parse(paid).toInstant()))
                .isEqualTo(OffsetDateTime.parse(windowEnd).toInstant());
    }

    @Test
    void aPaymentIsCancellableAtTheCutoffItself() {
        Instant paid = OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();
        Instant end = FollowUpSchedule.cancelWindowEnd(paid);
        assertThat(Duration.between(paid, end)).isEqualTo(Duration.ofHours(14).plusMinutes(15));
    }
}
