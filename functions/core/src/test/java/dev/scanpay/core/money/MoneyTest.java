package dev.scanpay.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AMS Amount: minor units of an ISO 4217 currency, the exponent coming from the currency. */
class MoneyTest {

    @ParameterizedTest
    @CsvSource({"JPY, 0", "USD, 2", "KWD, 3"})
    void exponentComesFromTheCurrency(String currency, int exponent) {
        assertThat(Money.of(100, currency).exponent()).isEqualTo(exponent);
    }

    @Test
    void sameMinorUnitsMeanDifferentAmountsInDifferentCurrencies() {
        // protocol §1: USD 1.00 -> "100", JPY 100 -> "100"
        assertThat(Money.of(100, "USD").toDecimalString()).isEqualTo("1.00");
        assertThat(Money.of(100, "JPY").toDecimalString()).isEqualTo("100");
        assertThat(Money.of(100, "KWD").toDecimalString()).isEqualTo("0.100");
    }

    @ParameterizedTest
    @CsvSource({
            "12.34, USD, 1234",
            "12,    USD, 1200",
            "0.05,  USD, 5",
            "1000,  JPY, 1000",
            "1.234, KWD, 1234",
            "1.2,   KWD, 1200"})
    void ofDecimalConvertsToMinorUnits(String decimal, String currency, long minor) {
        assertThat(Money.ofDecimal(decimal, currency)).isEqualTo(Money.of(minor, currency));
    }

    @ParameterizedTest
    @CsvSource({"12.345, USD", "1.5, JPY", "0.01, JPY"})
    void ofDecimalRefusesMoreDecimalsThanTheCurrencyHas(String decimal, String currency) {
        assertThatThrownBy(() -> Money.ofDecimal(decimal, currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(currency + " has");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.01", "1e3", "1,000", " 12", "12.", ".5", "abc", ""})
    void ofDecimalRefusesAnythingButAPlainNonNegativeDecimal(String decimal) {
        assertThatThrownBy(() -> Money.ofDecimal(decimal, "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be a plain decimal number");
    }

    @ParameterizedTest
    @CsvSource({"1234, USD, 12.34", "5, USD, 0.05", "0, USD, 0.00", "1000, JPY, 1000", "1234, KWD, 1.234"})
    void toDecimalString(long minor, String currency, String decimal) {
        assertThat(Money.of(minor, currency).toDecimalString()).isEqualTo(decimal);
    }

    @Test
    void minorStringIsTheAmsWireValue() {
        assertThat(Money.of(1000, "JPY").minorString()).isEqualTo("1000");
        assertThat(Money.of(1234, "USD").toString()).isEqualTo("12.34 USD");
    }

    @Test
    void refusesNegativeAmounts() {
        assertThatThrownBy(() -> Money.of(-1, "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "Usd", "US", "USDX", " USD"})
    void refusesCodesThatAreNotUpperCaseAlpha3(String code) {
        assertThatThrownBy(() -> Money.of(100, code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency must be an ISO 4217 alpha-3 code");
    }

    @Test
    void refusesNullCurrencyCode() {
        assertThatThrownBy(() -> Money.currency(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUnknownCodes() {
        assertThatThrownBy(() -> Money.of(100, "QQQ")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEM", "FRF", "ITL", "ZWD", "ZWL", "HRK", "VEF", "MRO", "STD", "BYR", "LTL", "USN", "CLF"})
    void refusesWithdrawnCurrenciesAndFundsCodesTheJdkStillKnows(String code) {
        assertThatThrownBy(() -> Money.of(100, code)).isInstanceOf(Money.UnsupportedCurrency.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "JPY", "KWD", "EUR", "CNY", "HKD", "SGD", "THB", "ZWG", "VES", "SLE", "MRU", "STN"})
    void currenciesInUseAreTaken(String code) {
        assertThat(Money.of(100, code).currencyCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XAU", "XDR"})
    void refusesCurrenciesWithoutMinorUnits(String code) {
        assertThatThrownBy(() -> Money.of(100, code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a payment currency: " + code);
    }

    @Test
    void plusAndMinusInOneCurrency() {
        Money paid = Money.of(1000, "JPY");
        assertThat(paid.plus(Money.of(250, "JPY"))).isEqualTo(Money.of(1250, "JPY"));
        assertThat(paid.minus(Money.of(1000, "JPY")).isZero()).isTrue();
    }

    @Test
    void plusAndMinusRefuseACurrencyMismatch() {
        Money yen = Money.of(1000, "JPY");
        Money dollars = Money.of(1000, "USD");
        assertThatThrownBy(() -> yen.plus(dollars))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency mismatch: JPY vs USD");
        assertThatThrownBy(() -> yen.minus(dollars))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency mismatch: JPY vs USD");
        assertThat(yen.sameCurrency(dollars)).isFalse();
    }

    @Test
    void minusBelowZeroIsRefused() {
        assertThatThrownBy(() -> Money.of(100, "USD").minus(Money.of(101, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative");
    }

    @Test
    void plusOverflowIsAnErrorNotAWrapAround() {
        Money max = Money.of(Long.MAX_VALUE, "USD");
        assertThatThrownBy(() -> max.plus(Money.of(1, "USD"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ofDecimalTooLargeForALongIsRefused() {
        // 15 integer digits in KWD (3 decimals) is 10^18 minor units: still fits; the regex caps the rest
        assertThat(Money.ofDecimal("999999999999999.999", "KWD").minor()).isEqualTo(999_999_999_999_999_999L);
        assertThatThrownBy(() -> Money.ofDecimal("9999999999999999", "USD")).isInstanceOf(IllegalArgumentException.class);
    }
}
