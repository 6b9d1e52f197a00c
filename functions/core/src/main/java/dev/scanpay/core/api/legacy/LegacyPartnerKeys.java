package dev.scanpay.core.api.legacy;

import java.security.PublicKey;

/**
 * What a legacy partner verifies with: an MD5 key (a shared secret, issue 11 item 2) and/or an RSA public key for
 * RSA and RSA2 requests. Either may be absent; a request signed with a type the partner has no key for is
 * ILLEGAL_SIGN_TYPE. {@link #toString()} never shows the MD5 key.
 */
public record LegacyPartnerKeys(String md5Key, PublicKey publicKey) {

    public LegacyPartnerKeys {
        if (md5Key != null && md5Key.isEmpty()) {
            throw new IllegalArgumentException("an MD5 key must not be empty");
        }
    }

    public static LegacyPartnerKeys md5(String md5Key) {
        return new LegacyPartnerKeys(md5Key, null);
    }

    public static LegacyPartnerKeys rsa(PublicKey publicKey) {
        return new LegacyPartnerKeys(null, publicKey);
    }

    public boolean has(LegacySignType type) {
        return type == LegacySignType.MD5 ? md5Key != null : publicKey != null;
    }

    @Override
    public String toString() {
        return "LegacyPartnerKeys[md5Key=" + (md5Key == null ? "none" : "(secret)")
                + ", publicKey=" + (publicKey == null ? "none" : "RSA") + "]";
    }
}
