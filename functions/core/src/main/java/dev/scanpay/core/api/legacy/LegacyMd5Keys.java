package dev.scanpay.core.api.legacy;

import java.util.Map;
import java.util.Optional;

/**
 * The legacy partners' MD5 keys by partner id: shared secrets, so they are kept out of the table and loaded like
 * the gateway's own key (Secrets Manager in AWS, a file locally, a property in tests; see
 * {@code config.LegacyMd5KeyLoader}). {@link #toString()} shows how many there are, never a key.
 */
public final class LegacyMd5Keys {

    public static final LegacyMd5Keys NONE = new LegacyMd5Keys(Map.of());

    private final Map<String, String> byPartner;

    private LegacyMd5Keys(Map<String, String> byPartner) {
        this.byPartner = byPartner;
    }

    /** @throws IllegalArgumentException for a partner that is not 16 digits starting 2088, or an empty key */
    public static LegacyMd5Keys of(Map<String, String> byPartner) {
        byPartner.forEach((partner, key) -> {
            if (!LegacyPartnerId.isWellFormed(partner)) {
                // the partner id is not secret; the key is never shown
                throw new IllegalArgumentException("MD5 keys: " + partner + " is not a legacy partner id");
            }
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("MD5 keys: partner " + partner + " has an empty key");
            }
        });
        return new LegacyMd5Keys(Map.copyOf(byPartner));
    }

    /** A fresh MD5 key: 32 random letters and digits, for a partner that has none yet. */
    public static String newKey() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    public Optional<String> forPartner(String partner) {
        return Optional.ofNullable(byPartner.get(partner));
    }

    public int size() {
        return byPartner.size();
    }

    @Override
    public String toString() {
        return "LegacyMd5Keys[" + byPartner.size() + " partners]";
    }
}
