package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request-Time in both forms Alipay's own SDKs send (protocol §2.1, §12.5), and the replay window. */
class RequestTimeTest {

    @Test
    void epochMillisAsGlobalOpenSdkJavaSendsThem() {
        assertThat(RequestTime.parse("1685599933871")).contains(Instant.ofEpochMilli(1685599933871L));
    }

    @Test
    void iso8601WithOffsetAsAmsJavaSdkSendsIt() {
        assertThat(RequestTime.parse("2019-05-28T12:12:12+08:00")).contains(Instant.parse("2019-05-28T04:12:12Z"));
    }

    @Test
    void iso8601WithMillis() {
        assertThat(RequestTime.parse("2019-05-28T12:12:12.345+08:00")).contains(Instant.parse("2019-05-28T04:12:12.345Z"));
    }

    @Test
    void iso8601InUtcAndNegativeOffsets() {
        assertThat(RequestTime.parse("2019-05-28T04:12:12Z")).contains(Instant.parse("2019-05-28T04:12:12Z"));
        assertThat(RequestTime.parse("2020-03-02T19:11:19-08:00")).contains(Instant.parse("2020-03-03T03:11:19Z"));
    }

    @Test
    void surroundingWhitespaceIsIgnoredForParsing() {
        assertThat(RequestTime.parse(" 1685599933871 ")).contains(Instant.ofEpochMilli(1685599933871L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "yesterday",
            "2019-05-28T12:12:12",          // no offset: ambiguous
            "2019-05-28 12:12:12+08:00",
            "2019-05-28",
            "-1685599933871",
            "168559993",                    // too short to be epoch millis
            "16855999338710000",            // too long
            "1685599933871.5",
            " "})
    @NullAndEmptySource
    void refusesAnythingElse(String header) {
        assertThat(RequestTime.parse(header)).isEmpty();
    }

    @Test
    void formatIsEpochMillis() {
        assertThat(RequestTime.format(Instant.ofEpochMilli(1685599933871L))).isEqualTo("1685599933871");
        assertThat(RequestTime.parse(RequestTime.format(Instant.ofEpochMilli(1685599933871L))))
                .contains(Instant.ofEpochMilli(1685599933871L));
    }

    @Test
    void freshWithinFiveMinutesEitherWayInclusive() {
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        assertThat(RequestTime.TOLERANCE).isEqualTo(Duration.ofMinutes(5));

        assertThat(RequestTime.isFresh(now, now)).isTrue();
        assertThat(RequestTime.isFresh(now.minus(Duration.ofMinutes(5)), now)).isTrue();
        assertThat(RequestTime.isFresh(now.plus(Duration.ofMinutes(5)), now)).isTrue();
        assertThat(RequestTime.isFresh(now.minus(Duration.ofMinutes(5)).minusMillis(1), now)).isFalse();
        assertThat(RequestTime.isFresh(now.plus(Duration.ofMinutes(5)).plusMillis(1), now)).isFalse();
    }
}
