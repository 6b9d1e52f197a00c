package dev.scanpay.core.model.payment;

/**
 * The form a payment's result notification takes, fixed when the payment is created by the API that asked for
 * it: AMS's signed JSON notifyPayment, or the Legacy Barcode API's signed form post (protocol.md §8.2), signed
 * with the sign_type the partner used on its spot.pay. A payment stored before formats existed is {@link #AMS}.
 */
public enum NotifyFormat {
    AMS(null),
    LEGACY_MD5("MD5"),
    LEGACY_RSA("RSA"),
    LEGACY_RSA2("RSA2");

    private final String legacySignType;

    NotifyFormat(String legacySignType) {
        this.legacySignType = legacySignType;
    }

    public boolean isLegacy() {
        return legacySignType != null;
    }

    /** §8.2's sign_type spelling ({@code MD5}, {@code RSA}, {@code RSA2}); null for AMS. */
    public String legacySignType() {
        return legacySignType;
    }

    /** The legacy format signed with {@code signType} (§8.2's spelling). */
    public static NotifyFormat legacy(String signType) {
        for (NotifyFormat format : values()) {
            if (format.isLegacy() && format.legacySignType.equals(signType)) {
                return format;
            }
        }
        throw new IllegalArgumentException("not a legacy sign_type: " + signType);
    }
}
