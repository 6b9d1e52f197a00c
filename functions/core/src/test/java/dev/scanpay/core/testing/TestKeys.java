package dev.scanpay.core.testing;

import dev.scanpay.core.signing.RsaKeys;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The fixed test key pair under src/test/resources/signing (see the README there). Fixed, not generated,
 * so signatures over fixed content are known answers that openssl computed independently.
 */
public final class TestKeys {

    public static final String PRIVATE_PKCS8_BASE64 = TestResources.text("signing/test-rsa2048.pk8.b64").trim();
    public static final String PUBLIC_X509_BASE64 = TestResources.text("signing/test-rsa2048.x509.b64").trim();
    public static final String PRIVATE_PEM = TestResources.text("signing/test-rsa2048.pk8.pem");
    public static final String PUBLIC_PEM = TestResources.text("signing/test-rsa2048.x509.pem");

    private TestKeys() {
    }

    public static PrivateKey privateKey() {
        return RsaKeys.privateKey(PRIVATE_PKCS8_BASE64);
    }

    public static PublicKey publicKey() {
        return RsaKeys.publicKey(PUBLIC_X509_BASE64);
    }
}
