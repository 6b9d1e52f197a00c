package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyAmountTest {

    @ParameterizedTest
    @CsvSource({
            "12.34, USD, 1234",
            "0.01, USD, 1",
            "12.3, USD, 1230",
            "12, USD, 1200",
            "12.340, USD, 1234",
            "880, JPY, 880",
            "880.00, JPY, 880",
            "880.0, JPY, 880",
            "1000, KRW, 1000",
            "1.234, KWD, 1234",
            "100000000.00, USD, 10000000000",
            "012.34, USD, 1234",
            "999999999999999999, JPY, 999999999999999999"
    })
    void parsesDecimalsInTheCurrencysExponent(String amount, String currency, long minor) {
        assertThat(LegacyAmount.parse("trans_amount", amount, currency)).isEqualTo(Money.of(minor, currency));
    }

    @ParameterizedTest
    @CsvSource({
            "880.5, JPY",
            "12.345, USD",
            "0.001, USD",
            "-1.00, USD",
            "0, USD",
            "0.00, JPY",
            "1e3, USD",
            "1E3, JPY",
            "' 12.34', USD",
            "'12.34 ', USD",
            "'12 .34', USD",
            "+12.34, USD",
            ".5, USD",
            "12., USD",
            "'12,34', USD",
            "1_000, USD",
            "'', USD",
            "NaN, USD",
            "Infinity, USD",
            "１２, JPY",
            "٣, JPY",
            "0x10, JPY",
            "1234567890123456789, JPY",
            "99999999999999999.9, USD",
            "999999999999999999, USD"
    })
    void refusesAnythingElseAsAnIllegalArgument(String amount, String currency) {
        assertThatThrownBy(() -> LegacyAmount.parse("trans_amount", amount, currency))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT))
                .hasMessageContaining("trans_amount");
    }

    @Test
    void refusesAMissingAmount() {
        assertThatThrownBy(() -> LegacyAmount.parse("refund_amount", null, "USD"))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "XXX", "XAU", "DEM", "", "US D"})
    void refusesACurrencyNoOneIsPaidIn(String currency) {
        assertThatThrownBy(() -> LegacyAmount.parse("trans_amount", "1", currency))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT))
                .hasMessageContaining("currency");
    }

    @ParameterizedTest
    @CsvSource({
            "1234, USD, 12.34",
            "1230, USD, 12.30",
            "1, USD, 0.01",
            "1200, USD, 12.00",
            "880, JPY, 880",
            "1234, KWD, 1.234"
    })
    void formatsInTheCurrencysExponent(long minor, String currency, String wire) {
        assertThat(LegacyAmount.format(Money.of(minor, currency))).isEqualTo(wire);
    }

    @Test
    void formattingAndParsingAgree() {
        for (String currency : new String[] {"USD", "JPY", "KWD", "EUR", "KRW"}) {
            for (long minor : new long[] {1, 9, 10, 99, 100, 101, 123456789}) {
                Money money = Money.of(minor, currency);
                assertThat(LegacyAmount.parse("trans_amount", LegacyAmount.format(money), currency)).isEqualTo(money);
            }
        }
    }
}
