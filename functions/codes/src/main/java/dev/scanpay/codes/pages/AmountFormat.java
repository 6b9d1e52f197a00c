package dev.scanpay.codes.pages;

import dev.scanpay.core.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as the pages show them and as the amount field takes them, always with the currency's own
 * number of decimals (JPY 0, USD 2, KWD 3) and never through floating point.
 */
public final class AmountFormat {

    private AmountFormat() {
    }

    /** {@code JPY 1,000}, {@code USD 12.34}, {@code KWD 1.234}. */
    public static String display(Money money) {
        int decimals = money.exponent();
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return money.currencyCode() + " " + format.format(BigDecimal.valueOf(money.minor(), decimals));
    }

    /** A typical amount as the customer would type it: {@code 1000}, {@code 12.34}, {@code 1.234}. */
    public static String example(Currency currency) {
        int decimals = currency.getDefaultFractionDigits();
        if (decimals == 0) {
            return "1000";
        }
        // 1234 read with the currency's decimals (12345 for the rare four-decimal ones)
        long unscaled = Long.parseLong("123456789".substring(0, Math.max(4, decimals + 1)));
        return BigDecimal.valueOf(unscaled, decimals).toPlainString();
    }

    /**
     * The field's {@code pattern}: digits, grouping commas, and up to the currency's decimals, which is what
     * EntryCodes.parseAmount takes (less the spaces it forgives). Only ASCII classes and escapes, so it
     * compiles under the {@code v} flag browsers now use for patterns.
     */
    public static String pattern(Currency currency) {
        int decimals = currency.getDefaultFractionDigits();
        String whole = "[0-9][0-9,]*";
        return decimals == 0 ? whole : whole + "(\\.[0-9]{0," + decimals + "})?";
    }

    /** Which on-screen keyboard a phone shows: without a decimal point when the currency has no decimals. */
    public static String inputMode(Currency currency) {
        return currency.getDefaultFractionDigits() == 0 ? "numeric" : "decimal";
    }
}
