package dev.scanpay.core.model.payment;

/** Customer payment codes: what a valid one looks like, and how it may appear in logs and storage. */
public final class PaymentCodes {

    private PaymentCodes() {
    }

    /** What a payment code looks like, as the README documents it. */
    public static final String FORMAT = "16 to 24 digits";

    /** Digits only, 16 to 24 of them (Alipay+ and legacy codes); no stricter guess than that. */
    public static boolean isWellFormed(String code) {
        return code != null && code.matches("\\d{16,24}");
    }

    /** "2812 **** **** 5733"-style: first four and last four digits, never the whole code. */
    public static String mask(String code) {
        if (code == null || code.length() < 8) {
            return "****";
        }
        return code.substring(0, 4) + "*".repeat(code.length() - 8) + code.substring(code.length() - 4);
    }
}
