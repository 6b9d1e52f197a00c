package dev.scanpay.core.api.legacy;

import java.util.regex.Pattern;

/** A legacy partner: 16 digits starting {@code 2088} (protocol.md §8.3, {@code partner}). */
public record LegacyPartnerId(String value) {

    // §8.3: "partner: 16 digits starting 2088"; ASCII digits only (no full-width or other scripts' digits)
    private static final Pattern FORM = Pattern.compile("2088[0-9]{12}");

    public LegacyPartnerId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a legacy partner is 16 digits starting 2088");
        }
    }

    /** @throws LegacyRefusal ILLEGAL_PARTNER for a missing or malformed partner (§8.3) */
    public static LegacyPartnerId parse(String value) {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_PARTNER, "partner is not 16 digits starting 2088");
        }
        return new LegacyPartnerId(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
