package dev.scanpay.codes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.money.Money;
import java.util.Currency;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AmountFormatTest {

    @Test
    void amountsShowTheCurrencysDecimalsAndGrouping() {
        assertThat(AmountFormat.display(Money.of(1000, "JPY"))).isEqualTo("JPY 1,000");
        assertThat(AmountFormat.display(Money.of(1234, "USD"))).isEqualTo("USD 12.34");
        assertThat(AmountFormat.display(Money.of(1234, "KWD"))).isEqualTo("KWD 1.234");
        assertThat(AmountFormat.display(Money.of(5, "USD"))).isEqualTo("USD 0.05");
        assertThat(AmountFormat.display(Money.of(123456789012L, "USD"))).isEqualTo("USD 1,234,567,890.12");
        assertThat(AmountFormat.display(Money.of(EntryCodes.MAX_AMOUNT_MINOR, "KWD"))).isEqualTo("KWD 1,000,000,000.000");
        assertThat(AmountFormat.display(Money.of(Long.MAX_VALUE, "JPY"))).isEqualTo("JPY 9,223,372,036,854,775,807");
    }

    @Test
    void theFieldFollowsTheCurrency() {
        assertThat(AmountFormat.example(Currency.getInstance("JPY"))).isEqualTo("1000");
        assertThat(AmountFormat.example(Currency.getInstance("USD"))).isEqualTo("12.34");
        assertThat(AmountFormat.example(Currency.getInstance("KWD"))).isEqualTo("1.234");
        assertThat(AmountFormat.example(Currency.getInstance("CLF"))).isEqualTo("1.2345");
        assertThat(AmountFormat.inputMode(Currency.getInstance("JPY"))).isEqualTo("numeric");
        assertThat(AmountFormat.inputMode(Currency.getInstance("USD"))).isEqualTo("decimal");
    }

    @Test
    void thePatternTakesWhatTheGatewayTakesAndItsOwnExample() {
        assertMatches("JPY", true, "1000", "1,000", "5");
        assertMatches("JPY", false, "10.5", "10.", "-5", "1e3", ",100", "");
        assertMatches("USD", true, "12.34", "12.3", "12.", "1,234.50", "0.01");
        assertMatches("USD", false, "12.345", ".5", "12,34.5.6", "12 34");
        assertMatches("KWD", true, "1.234", "1.5");
        assertMatches("KWD", false, "1.2345");
        // (CLF, the one four-decimal code, is a funds code no payment is taken in)
        for (String currency : new String[] {"JPY", "USD", "KWD", "BHD"}) {
            String example = AmountFormat.example(Currency.getInstance(currency));
            assertMatches(currency, true, example);
            assertThat(EntryCodes.parseAmount(example, Currency.getInstance(currency)).minor()).isPositive();
        }
    }

    /** As a browser applies pattern: the whole value must match. */
    private static void assertMatches(String currency, boolean expected, String... values) {
        Pattern pattern = Pattern.compile(AmountFormat.pattern(Currency.getInstance(currency)));
        for (String value : values) {
            assertThat(pattern.matcher(value).matches()).as("%s %s", currency, value).isEqualTo(expected);
        }
    }
}
