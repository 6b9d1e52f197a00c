package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SHA256withRSA, base64 outside; verify answers false for anything wrong and never throws. */
class RsaSignerTest {

    static final byte[] CONTENT = SignedContent.of("POST", "/ams/api/v1/payments/inquiryPayment", "SANDBOX_1",
            "1685599933871", "{\"paymentRequestId\":\"PR1\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void signThenVerifyRoundTrips() {
        String signature = RsaSigner.sign(TestKeys.privateKey(), CONTENT);
        assertThat(Base64.getDecoder().decode(signature)).hasSize(256); // 2048-bit key
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, signature)).isTrue();
    }

    @Test
    void signingIsDeterministic() {
        assertThat(RsaSigner.sign(TestKeys.privateKey(), CONTENT)).isEqualTo(RsaSigner.sign(TestKeys.privateKey(), CONTENT));
    }

    @Test
    void oneFlippedBodyByteDoesNotVerify() {
        String signature = RsaSigner.sign(TestKeys.privateKey(), CONTENT);
        byte[] tampered = CONTENT.clone();
        tampered[tampered.length - 3] ^= 0x01;
        assertThat(RsaSigner.verify(TestKeys.publicKey(), tampered, signature)).isFalse();
    }

    @Test
    void oneFlippedSignatureBitDoesNotVerify() {
        byte[] raw = Base64.getDecoder().decode(RsaSigner.sign(TestKeys.privateKey(), CONTENT));
        raw[100] ^= 0x01;
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, Base64.getEncoder().encodeToString(raw))).isFalse();
    }

    @Test
    void anotherKeyDoesNotVerify() {
        KeyPair other = RsaKeys.generate();
        String signature = RsaSigner.sign(other.getPrivate(), CONTENT);
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, signature)).isFalse();
        assertThat(RsaSigner.verify(other.getPublic(), CONTENT, signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 at all!", "YWJj", "====", "ab%2Bc"})
    void garbageDoesNotVerifyAndDoesNotThrow(String signature) {
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, signature)).isFalse();
    }

    @Test
    void aTruncatedSignatureDoesNotVerify() {
        String signature = RsaSigner.sign(TestKeys.privateKey(), CONTENT);
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, signature.substring(0, 200))).isFalse();
    }

    @Test
    void aUrlDecodedPlusTurnedSpaceDoesNotVerify() {
        // what happens when a sender forgets to URL-encode and '+' arrives as ' '
        String signature = SigningKnownAnswerTest.PAY_SIGNATURE.replace('+', ' ');
        assertThat(RsaSigner.verify(TestKeys.publicKey(), SigningKnownAnswerTest.payContent(), signature)).isFalse();
    }

    @Test
    void nullSignatureDoesNotVerifyAndDoesNotThrow() {
        assertThat(RsaSigner.verify(TestKeys.publicKey(), CONTENT, null)).isFalse();
    }
}
