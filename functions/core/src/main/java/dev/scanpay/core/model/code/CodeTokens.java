package dev.scanpay.core.model.code;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The unguessable part of a code's URL: 160 random bits, base64url without padding (27 characters), so
 * nobody can reach another merchant's order by counting.
 */
public final class CodeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 20;

    private CodeTokens() {
    }

    public static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shape check before any lookup, so junk never reaches the table. */
    public static boolean isWellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{27}");
    }
}
