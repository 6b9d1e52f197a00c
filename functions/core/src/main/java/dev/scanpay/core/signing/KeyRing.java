package dev.scanpay.core.signing;

import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A party's public keys by keyVersion (a client's or a wallet's), so a key can be rotated with overlap:
 * register the new version beside the old, move the signer over, then retire the old one. Keys that do not
 * parse are left out. Only keys registered for this party are ever tried, so falling back to all of them
 * when a signature names an unknown version is no weaker than trying the named one.
 */
public final class KeyRing {

    private final Map<String, PublicKey> byVersion;

    private KeyRing(Map<String, PublicKey> byVersion) {
        this.byVersion = byVersion;
    }

    /** @param encoded base64 X.509 public keys by keyVersion */
    public static KeyRing of(Map<String, String> encoded) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        encoded.forEach((version, key) -> {
            try {
                keys.put(version, RsaKeys.publicKey(key));
            } catch (IllegalArgumentException e) {
                // a malformed key verifies nothing; the others still do
            }
        });
        return new KeyRing(Map.copyOf(keys));
    }

    public boolean isEmpty() {
        return byVersion.isEmpty();
    }

    public boolean has(String keyVersion) {
        return keyVersion != null && byVersion.containsKey(keyVersion);
    }

    /** The key a signature naming {@code keyVersion} must verify with, or every key when that version is not registered. */
    public Collection<PublicKey> candidates(String keyVersion) {
        PublicKey named = keyVersion == null ? null : byVersion.get(keyVersion);
        return named != null ? List.of(named) : byVersion.values();
    }

    /** Whether {@code signatureBase64} over {@code content} verifies with the key(s) {@link #candidates} names. */
    public boolean verifies(String keyVersion, byte[] content, String signatureBase64) {
        for (PublicKey key : candidates(keyVersion)) {
            if (RsaSigner.verify(key, content, signatureBase64)) {
                return true;
            }
        }
        return false;
    }
}
