package dev.scanpay.core.api.legacy;

import java.security.PublicKey;
import java.util.List;

/**
 * What a legacy partner verifies with: an MD5 key (a shared secret, issue 11 item 2) and/or RSA public keys for
 * RSA and RSA2 requests (the partner's registered keys; legacy requests name no key version, so any of them may
 * verify, as {@code KeyRing} does for an unknown version). Either may be absent; a request signed with a type the
 * partner has no key for is ILLEGAL_SIGN_TYPE. {@link #toString()} never shows the MD5 key.
 */
public record LegacyPartnerKeys(String md5Key, List<PublicKey> publicKeys) {

    public LegacyPartnerKeys {
        if (md5Key != null && md5Key.isEmpty()) {
            throw new IllegalArgumentException("an MD5 key must not be empty");
        }
        publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
    }

    public LegacyPartnerKeys(String md5Key, PublicKey publicKey) {
        this(md5Key, publicKey == null ? List.of() : List.of(publicKey));
    }

    public static LegacyPartnerKeys md5(String md5Key) {
        return new LegacyPartnerKeys(md5Key, List.of());
    }

    public static LegacyPartnerKeys rsa(PublicKey publicKey) {
        return new LegacyPartnerKeys(null, publicKey);
    }

    public boolean has(LegacySignType type) {
        return type == LegacySignType.MD5 ? md5Key != null : !publicKeys.isEmpty();
    }

    @Override
    public String toString() {
        return "LegacyPartnerKeys[md5Key=" + (md5Key == null ? "none" : "(secret)")
                + ", publicKeys=" + publicKeys.size() + "]";
    }
}
