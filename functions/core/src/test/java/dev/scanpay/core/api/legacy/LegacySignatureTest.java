package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacySignatureTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static Properties vectors;
    private static PrivateKey privateKey;
    private static PublicKey publicKey;

    @BeforeAll
    static void loadOpensslVectors() throws IOException {
        vectors = new Properties();
        try (Reader reader = new InputStreamReader(
                LegacySignatureTest.class.getResourceAsStream("/legacy/openssl-vectors.properties"),
                StandardCharsets.UTF_8)) {
            vectors.load(reader);
        }
        privateKey = RsaKeys.privateKey(vectors.getProperty("privateKey"));
        publicKey = RsaKeys.publicKey(vectors.getProperty("publicKey"));
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The parameters whose content is the openssl vectors' content. */
    private static Map<String, String> vectorParams(String signType, String sign) {
        return params("trans_name", "咖啡 x2", "service", "alipay.acquire.overseas.spot.refund", "sign", sign,
                "partner", "2088101122136241", "sign_type", signType, "refund_reson", "broken cup",
                "_input_charset", "UTF-8", "memo", "");
    }

    @Test
    void contentIsSortedKeyValuePairsWithoutSignSignTypeOrEmptyValues() {
        assertThat(LegacySignature.content(vectorParams("MD5", "x"))).isEqualTo(vectors.getProperty("content"));
        assertThat(LegacySignature.content(params("b", "2", "a", "1", "sign", "s", "sign_type", "MD5", "c", "")))
                .isEqualTo("a=1&b=2");
        // ASCII order: upper case before '_' before lower case
        assertThat(LegacySignature.content(params("b", "1", "_input_charset", "utf-8", "Z", "2", "a_b", "3", "a", "4")))
                .isEqualTo("Z=2&_input_charset=utf-8&a=4&a_b=3&b=1");
        // decoded values go in as they are: no URL encoding, '&' and '=' inside values untouched
        assertThat(LegacySignature.content(params("memo", "a+b c&d=e%20"))).isEqualTo("memo=a+b c&d=e%20");
    }

    @Test
    void md5IsTheHexDigestOfTheContentWithTheKeyAppendedInTheRequestsCharset() {
        String content = vectors.getProperty("content");
        String key = vectors.getProperty("md5Key");
        assertThat(LegacySignature.md5Sign(content, key, StandardCharsets.UTF_8))
                .isEqualTo(vectors.getProperty("md5SignUtf8"));
        assertThat(LegacySignature.md5Sign(content, key, GBK)).isEqualTo(vectors.getProperty("md5SignGbk"));
        assertThat(LegacySignature.md5Verify(content, key, StandardCharsets.UTF_8, vectors.getProperty("md5SignUtf8")))
                .isTrue();
        assertThat(LegacySignature.md5Verify(content, key, StandardCharsets.UTF_8,
                vectors.getProperty("md5SignUtf8").toUpperCase())).isTrue();
        assertThat(LegacySignature.md5Verify(content, key, GBK, vectors.getProperty("md5SignUtf8"))).isFalse();
        assertThat(LegacySignature.md5Verify(content, "other", StandardCharsets.UTF_8,
                vectors.getProperty("md5SignUtf8"))).isFalse();
        for (String bad : new String[] {null, "", "zz", vectors.getProperty("md5SignUtf8") + "0",
                "g695a2577427ffd766d697339b2ee7cc"}) {
            assertThat(LegacySignature.md5Verify(content, key, StandardCharsets.UTF_8, bad)).isFalse();
        }
    }

    @Test
    void rsaIsSha1WithRsaAndRsa2IsSha256WithRsaAsOpensslMakesThem() {
        String content = vectors.getProperty("content");
        // PKCS#1 v1.5 signatures are deterministic: ours are byte for byte openssl's
        assertThat(LegacySignature.rsaSign(LegacySignType.RSA, content, StandardCharsets.UTF_8, privateKey))
                .isEqualTo(vectors.getProperty("rsaSign"));
        assertThat(LegacySignature.rsaSign(LegacySignType.RSA2, content, StandardCharsets.UTF_8, privateKey))
                .isEqualTo(vectors.getProperty("rsa2Sign"))
                .isEqualTo(RsaSigner.sign(privateKey, content.getBytes(StandardCharsets.UTF_8)));
        assertThat(LegacySignature.rsaVerify(LegacySignType.RSA, content, StandardCharsets.UTF_8, publicKey,
                vectors.getProperty("rsaSign"))).isTrue();
        assertThat(LegacySignature.rsaVerify(LegacySignType.RSA2, content, StandardCharsets.UTF_8, publicKey,
                vectors.getProperty("rsa2Sign"))).isTrue();
        // the one algorithm's signature is not the other's
        assertThat(LegacySignature.rsaVerify(LegacySignType.RSA, content, StandardCharsets.UTF_8, publicKey,
                vectors.getProperty("rsa2Sign"))).isFalse();
        assertThat(LegacySignature.rsaVerify(LegacySignType.RSA2, content, StandardCharsets.UTF_8, publicKey,
                vectors.getProperty("rsaSign"))).isFalse();
        assertThat(LegacySignature.rsaVerify(LegacySignType.RSA2, content + " ", StandardCharsets.UTF_8, publicKey,
                vectors.getProperty("rsa2Sign"))).isFalse();
        for (String bad : new String[] {"", "!!!", "AAAA", vectors.getProperty("rsa2Sign").substring(4)}) {
            assertThat(LegacySignature.rsaVerify(LegacySignType.RSA2, content, StandardCharsets.UTF_8, publicKey, bad))
                    .isFalse();
            assertThat(LegacySignature.rsaVerify(LegacySignType.RSA, content, StandardCharsets.UTF_8, publicKey, bad))
                    .isFalse();
        }
    }

    @Test
    void verifiesRequestsOfEachSignType() {
        LegacyPartnerKeys both = new LegacyPartnerKeys(vectors.getProperty("md5Key"), publicKey);
        assertThat(LegacySignature.verify(vectorParams("MD5", vectors.getProperty("md5SignUtf8")),
                StandardCharsets.UTF_8, both)).isEqualTo(LegacySignType.MD5);
        assertThat(LegacySignature.verify(vectorParams("RSA", vectors.getProperty("rsaSign")),
                StandardCharsets.UTF_8, both)).isEqualTo(LegacySignType.RSA);
        assertThat(LegacySignature.verify(vectorParams("RSA2", vectors.getProperty("rsa2Sign")),
                StandardCharsets.UTF_8, both)).isEqualTo(LegacySignType.RSA2);
    }

    @Test
    void theMisspeltExtraParameterIsSignedLikeAnyOther() {
        LegacyPartnerKeys keys = LegacyPartnerKeys.md5(vectors.getProperty("md5Key"));
        Map<String, String> params = vectorParams("MD5", vectors.getProperty("md5SignUtf8"));
        params.put("refund_reson", "broken cups");
        assertRefused(params, keys, LegacyError.ILLEGAL_SIGN);
        params.remove("refund_reson");
        assertRefused(params, keys, LegacyError.ILLEGAL_SIGN);
    }

    @Test
    void aBase64PlusThatArrivedAsASpaceStillVerifies() {
        Map<String, String> params = params("service", "alipay.acquire.overseas.query", "partner", "2088101122136241",
                "partner_trans_id", "T1", "sign_type", "RSA2");
        String sign;
        int salt = 0;
        do {
            params.put("partner_trans_id", "T" + salt++);
            sign = LegacySignature.rsaSign(LegacySignType.RSA2, LegacySignature.content(params),
                    StandardCharsets.UTF_8, privateKey);
        } while (!sign.contains("+"));
        params.put("sign", sign.replace('+', ' '));
        assertThat(LegacySignature.verify(params, StandardCharsets.UTF_8, LegacyPartnerKeys.rsa(publicKey)))
                .isEqualTo(LegacySignType.RSA2);
    }

    @Test
    void refusesWhatIsNotSignedAsTheProtocolSays() {
        LegacyPartnerKeys md5Only = LegacyPartnerKeys.md5(vectors.getProperty("md5Key"));
        LegacyPartnerKeys rsaOnly = LegacyPartnerKeys.rsa(publicKey);
        assertRefused(vectorParams("MD5", "0".repeat(32)), md5Only, LegacyError.ILLEGAL_SIGN);
        assertRefused(vectorParams("MD5", ""), md5Only, LegacyError.ILLEGAL_SIGN);
        assertRefused(vectorParams("RSA2", vectors.getProperty("rsaSign")), rsaOnly, LegacyError.ILLEGAL_SIGN);
        // sign_type as §8.2 spells it, and only a type the partner has a key for
        assertRefused(vectorParams("md5", vectors.getProperty("md5SignUtf8")), md5Only, LegacyError.ILLEGAL_SIGN_TYPE);
        assertRefused(vectorParams("DSA", "x"), md5Only, LegacyError.ILLEGAL_SIGN_TYPE);
        assertRefused(vectorParams("", "x"), md5Only, LegacyError.ILLEGAL_SIGN_TYPE);
        Map<String, String> noType = vectorParams("MD5", vectors.getProperty("md5SignUtf8"));
        noType.remove("sign_type");
        assertRefused(noType, md5Only, LegacyError.ILLEGAL_SIGN_TYPE);
        assertRefused(vectorParams("RSA", vectors.getProperty("rsaSign")), md5Only, LegacyError.ILLEGAL_SIGN_TYPE);
        assertRefused(vectorParams("MD5", vectors.getProperty("md5SignUtf8")), rsaOnly, LegacyError.ILLEGAL_SIGN_TYPE);
    }

    @Test
    void neitherKeysNorSignersShowTheSecret() {
        String key = vectors.getProperty("md5Key");
        assertThat(LegacyPartnerKeys.md5(key).toString()).doesNotContain(key);
        assertThat(LegacyAnswerSigner.md5(key).toString()).doesNotContain(key);
        assertThatThrownBy(() -> LegacySignature.verify(vectorParams("MD5", "0".repeat(32)), StandardCharsets.UTF_8,
                LegacyPartnerKeys.md5(key))).message().doesNotContain(key).doesNotContain("0".repeat(32));
    }

    @Test
    void answerSignersSignWithTheRequestsType() {
        String content = vectors.getProperty("content");
        assertThat(LegacyAnswerSigner.md5(vectors.getProperty("md5Key")).sign(content, StandardCharsets.UTF_8))
                .isEqualTo(vectors.getProperty("md5SignUtf8"));
        assertThat(LegacyAnswerSigner.rsa(LegacySignType.RSA, privateKey).sign(content, StandardCharsets.UTF_8))
                .isEqualTo(vectors.getProperty("rsaSign"));
        assertThat(LegacyAnswerSigner.rsa(LegacySignType.RSA2, privateKey).type()).isEqualTo(LegacySignType.RSA2);
        assertThatThrownBy(() -> LegacyAnswerSigner.rsa(LegacySignType.MD5, privateKey))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(Map<String, String> params, LegacyPartnerKeys keys, LegacyError error) {
        assertThatThrownBy(() -> LegacySignature.verify(params, StandardCharsets.UTF_8, keys))
                .isInstanceOfSatisfying(LegacyRefusal.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
