package dev.scanpay.core.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in minor units of an ISO 4217 currency. The exponent comes from the currency
 * (JPY 0, USD 2, KWD 3), so "100" means 100 yen but one dollar.
 */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            // XXX, XAU and friends have no minor unit and are not payment currencies
            throw new IllegalArgumentException("not a payment currency: " + currency.getCurrencyCode());
        }
    }

    /** @throws IllegalArgumentException for an unknown or non-payment currency code */
    public static Money of(long minor, String currencyCode) {
        return new Money(minor, currency(currencyCode));
    }

    /**
     * Parses a strictly upper-case ISO 4217 alpha-3 code that is a payment currency in use today.
     *
     * @throws UnsupportedCurrency for a real code that no one pays in any more (withdrawn) or a funds code
     * @throws IllegalArgumentException for anything that is not an ISO 4217 code, or one without minor units
     */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 alpha-3 code");
        }
        Currency currency = Currency.getInstance(code);
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("not a payment currency: " + code);
        }
        if (NOT_PAYABLE.contains(code)) {
            throw new UnsupportedCurrency(code);
        }
        return currency;
    }

    /** A code ISO 4217 knows that is not a currency anyone pays in today. */
    public static final class UnsupportedCurrency extends IllegalArgumentException {
        public UnsupportedCurrency(String code) {
            super("not a payment currency in use: " + code);
        }
    }

    /**
     * Codes the JDK still knows that ISO 4217 has withdrawn (its list of historic denominations: the mark, the
     * franc, the old Zimbabwe dollars, ...) or that are funds codes rather than currencies. Written out because
     * the JDK keeps withdrawn codes for old data and marks none of them; metals and test codes (no minor unit)
     * are refused by their fraction digits.
     */
    private static final java.util.Set<String> NOT_PAYABLE = java.util.Set.of(
            // withdrawn
            "ADP", "AFA", "ATS", "AYM", "AZM", "BEF", "BGL", "BYB", "BYR", "CSD", "CYP", "DEM", "EEK", "ESP", "FIM",
            "FRF", "GHC", "GRD", "GWP", "HRK", "IEP", "ITL", "LTL", "LUF", "LVL", "MGF", "MRO", "MTL", "MZM", "NLG",
            "PTE", "ROL", "RUR", "SDD", "SIT", "SKK", "SRG", "STD", "TMM", "TPE", "TRL", "USS", "VEB", "VEF", "XFO",
            "XFU", "YUM", "ZMK", "ZWD", "ZWL", "ZWN", "ZWR",
            // funds codes
            "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI");

    /**
     * Converts a decimal string such as "12.34" in the given currency, refusing more decimals than the
     * currency has (no silent rounding of money).
     */
    public static Money ofDecimal(String decimal, String currencyCode) {
        Currency currency = currency(currencyCode);
        if (decimal == null || !decimal.matches("\\d{1,15}(\\.\\d{1,3})?")) {
            throw new IllegalArgumentException("amount must be a plain decimal number");
        }
        BigDecimal value = new BigDecimal(decimal);
        if (value.scale() > currency.getDefaultFractionDigits()) {
            throw new IllegalArgumentException(currencyCode + " has " + currency.getDefaultFractionDigits() + " decimals");
        }
        return new Money(value.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public int exponent() {
        return currency.getDefaultFractionDigits();
    }

    public boolean sameCurrency(Money other) {
        return currency.equals(other.currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    /** The AMS wire form: minor units as a string. */
    public String minorString() {
        return Long.toString(minor);
    }

    /** The legacy and human form: "12.34", "1000", "1.234". */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, exponent()).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrency(other)) {
            throw new IllegalArgumentException("currency mismatch: " + currencyCode() + " vs " + other.currencyCode());
        }
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currencyCode();
    }
}
