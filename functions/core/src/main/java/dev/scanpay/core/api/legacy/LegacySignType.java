package dev.scanpay.core.api.legacy;

import java.util.Arrays;

/** The {@code sign_type} values of the legacy API (§8.2: "sign_type uppercase MD5/RSA/RSA2"). */
public enum LegacySignType {
    /** §8.2: lowercase hex of MD5(content + md5Key), the key appended directly. */
    MD5(null),
    /** §8.2: "RSA = SHA1withRSA", base64. */
    RSA("SHA1withRSA"),
    /** §8.2: "RSA2 = SHA256withRSA", base64. */
    RSA2("SHA256withRSA");

    private final String jcaAlgorithm;

    LegacySignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The JCA signature algorithm of RSA and RSA2; null for MD5, which is a digest with a shared key. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /**
     * @throws LegacyRefusal ILLEGAL_SIGN_TYPE for a missing or unknown sign_type, matched exactly as §8.2 spells
     *                       them (upper case)
     */
    public static LegacySignType parse(String value) {
        return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst().orElseThrow(
                () -> new LegacyRefusal(LegacyError.ILLEGAL_SIGN_TYPE,
                        value == null || value.isEmpty() ? "sign_type is missing" : "sign_type is not MD5, RSA or RSA2"));
    }
}
