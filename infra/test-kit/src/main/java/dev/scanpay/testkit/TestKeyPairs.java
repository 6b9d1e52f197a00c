package dev.scanpay.testkit;

import dev.scanpay.core.signing.RsaKeys;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA key pairs made once per test JVM and handed out by role: a 2048-bit pair takes 0.1 to 0.2 s to
 * generate here, and every harness needs several. Different roles always get different keys, so a
 * signature by one party never passes as another's.
 */
public final class TestKeyPairs {

    private static final Map<String, KeyPair> BY_ROLE = new ConcurrentHashMap<>();

    private TestKeyPairs() {
    }

    /** The key pair of {@code role} ("gateway", "wallet", "merchant MERCHANT_X"...), the same for the whole run. */
    public static KeyPair of(String role) {
        return BY_ROLE.computeIfAbsent(role, r -> RsaKeys.generate());
    }
}
