package dev.scanpay.core.model.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of what must match when a request id is repeated, kept with the request key. Hashed, so
 * a payment code inside it is compared without being kept.
 */
public final class RequestHash {

    private RequestHash() {
    }

    /** @param parts the fields that must match, in a fixed order */
    public static String of(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            canonical.append(i == 0 ? "" : "|").append(parts[i] == null ? "" : parts[i]);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
