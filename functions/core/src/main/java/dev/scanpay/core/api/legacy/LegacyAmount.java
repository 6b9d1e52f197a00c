package dev.scanpay.core.api.legacy;

import dev.scanpay.core.money.Money;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Legacy amounts are decimal strings in the currency's exponent ({@code 12.34} USD, {@code 880} JPY); inside the
 * gateway they are {@link Money} in minor units. BigDecimal only, never floating point.
 */
public final class LegacyAmount {

    /** Digits in an amount, all told: 18 digits always fit a long, whatever the exponent turns them into. */
    public static final int MAX_DIGITS = 18;

    // §8.3 trans_amount "Number(11,2)", §8.6 refund_amount "Number(9,2)": plain digits with an optional fraction;
    // no sign, no exponent, no spaces, no leading or trailing point
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private LegacyAmount() {
    }

    /**
     * Parses a positive amount of the given currency.
     *
     * @throws LegacyRefusal ILLEGAL_ARGUMENT for anything but a positive plain decimal with no more significant
     *                       decimals than the currency has (trailing zeros beyond them are fine: {@code 880.00} JPY)
     */
    public static Money parse(String field, String amount, String currencyCode) {
        java.util.Currency currency;
        try {
            currency = Money.currency(currencyCode);
        } catch (IllegalArgumentException e) {
            // §8.3 currency: an upper-case ISO 4217 code a payment is made in
            throw refused("currency", "is not a payment currency");
        }
        if (amount == null || !PLAIN_DECIMAL.matcher(amount).matches()) {
            throw refused(field, "is not a plain decimal number");
        }
        if (amount.chars().filter(Character::isDigit).count() > MAX_DIGITS) {
            throw refused(field, "has more than " + MAX_DIGITS + " digits");
        }
        // §8.3 "JPY/KRW integers", issue 11 item 5: clients that print two decimals everywhere send 880.00 JPY
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0) {
            // §8.3 trans_amount 0.01–100000000.00: a payment of nothing is not a payment
            throw refused(field, "must be more than zero");
        }
        BigDecimal significant = value.stripTrailingZeros();
        int exponent = currency.getDefaultFractionDigits();
        if (significant.scale() > exponent) {
            throw refused(field, "has more decimals than " + currencyCode + " (" + exponent + ")");
        }
        try {
            return new Money(significant.movePointRight(exponent).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw refused(field, "is too large");
        }
    }

    /** The wire form: always the currency's exponent ({@code 12.30} USD, {@code 880} JPY) (§8.3 response). */
    public static String format(Money money) {
        return money.toDecimalString();
    }

    private static LegacyRefusal refused(String field, String why) {
        return new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, field + " " + why);
    }
}
