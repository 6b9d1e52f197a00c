package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.testing.TestKeys;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** Keys as Alipay's SDKs exchange them: base64 PKCS#8 private, base64 X.509 public, armour tolerated. */
class RsaKeysTest {

    @Test
    void readsBase64Pkcs8AndX509AndEncodesThemBackUnchanged() {
        assertThat(RsaKeys.encode(RsaKeys.privateKey(TestKeys.PRIVATE_PKCS8_BASE64))).isEqualTo(TestKeys.PRIVATE_PKCS8_BASE64);
        assertThat(RsaKeys.encode(RsaKeys.publicKey(TestKeys.PUBLIC_X509_BASE64))).isEqualTo(TestKeys.PUBLIC_X509_BASE64);
        assertThat(((RSAPublicKey) TestKeys.publicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void acceptsPemArmouredInput() {
        assertThat(TestKeys.PRIVATE_PEM).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(TestKeys.PUBLIC_PEM).startsWith("-----BEGIN PUBLIC KEY-----\n");

        assertThat(RsaKeys.privateKey(TestKeys.PRIVATE_PEM)).isEqualTo(TestKeys.privateKey());
        assertThat(RsaKeys.publicKey(TestKeys.PUBLIC_PEM)).isEqualTo(TestKeys.publicKey());
    }

    @Test
    void acceptsBase64WrappedOverLinesAndCrLf() {
        String wrapped = TestKeys.PUBLIC_X509_BASE64.replaceAll("(.{64})", "$1\r\n");
        assertThat(RsaKeys.publicKey(wrapped)).isEqualTo(TestKeys.publicKey());
    }

    @Test
    void publicKeyOfThePrivateKeyIsThePublicKey() {
        PublicKey derived = RsaKeys.publicKeyOf(TestKeys.privateKey());
        assertThat(derived).isEqualTo(TestKeys.publicKey());
        assertThat(RsaKeys.encode(derived)).isEqualTo(TestKeys.PUBLIC_X509_BASE64);
    }

    @Test
    void generatedPairsAre2048BitAndMatch() {
        KeyPair pair = RsaKeys.generate();
        assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(RsaKeys.publicKeyOf(pair.getPrivate())).isEqualTo(pair.getPublic());
    }

    @Test
    void garbageIsRefusedWithoutEchoingTheInput() {
        String secretLooking = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-a-key";
        assertThatThrownBy(() -> RsaKeys.privateKey(secretLooking))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a base64 PKCS#8 RSA private key");
        assertThatThrownBy(() -> RsaKeys.publicKey(secretLooking))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a base64 X.509 RSA public key");
        assertThatThrownBy(() -> RsaKeys.privateKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublicKeyIsNotAPrivateKeyAndViceVersa() {
        assertThatThrownBy(() -> RsaKeys.privateKey(TestKeys.PUBLIC_X509_BASE64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaKeys.publicKey(TestKeys.PRIVATE_PKCS8_BASE64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrivateKeyWithoutPublicExponentIsRefused() {
        PrivateKey bare = new PrivateKey() {
            @Override public String getAlgorithm() { return "RSA"; }
            @Override public String getFormat() { return null; }
            @Override public byte[] getEncoded() { return null; }
        };
        assertThatThrownBy(() -> RsaKeys.publicKeyOf(bare)).isInstanceOf(IllegalArgumentException.class);
    }
}
