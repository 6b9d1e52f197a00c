package dev.scanpay.core.api.legacy;

import java.nio.charset.Charset;
import dev.scanpay.core.signing.MessageSigner;
import java.security.PrivateKey;
import java.util.function.BiFunction;
import java.util.Objects;

/**
 * How an answer (or a notification) is signed: with the request's sign_type (issue 11 item 2), MD5 with the
 * partner's key, RSA and RSA2 with the gateway's private key. {@link #toString()} never shows a key.
 */
public sealed interface LegacyAnswerSigner {

    LegacySignType type();

    /** The signature of {@code content} (see {@link LegacySignature#content}) in the answer's charset. */
    String sign(String content, Charset charset);

    static LegacyAnswerSigner md5(String partnerMd5Key) {
        return new Md5(partnerMd5Key);
    }

    static LegacyAnswerSigner rsa(LegacySignType type, PrivateKey gatewayKey) {
        Objects.requireNonNull(gatewayKey, "key");
        return new Rsa(type, (content, charset) -> LegacySignature.rsaSign(type, content, charset, gatewayKey));
    }

    /** RSA or RSA2 with the gateway's own key, which stays inside its {@link MessageSigner}. */
    static LegacyAnswerSigner rsa(LegacySignType type, MessageSigner gateway) {
        Objects.requireNonNull(gateway, "gateway");
        return new Rsa(type, (content, charset) -> gateway.signRaw(type.jcaAlgorithm(), content.getBytes(charset)));
    }

    /** §8.2 MD5 with the partner's key. */
    final class Md5 implements LegacyAnswerSigner {
        private final String key;

        private Md5(String key) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("no MD5 key");
            }
            this.key = key;
        }

        @Override
        public LegacySignType type() {
            return LegacySignType.MD5;
        }

        @Override
        public String sign(String content, Charset charset) {
            return LegacySignature.md5Sign(content, key, charset);
        }

        @Override
        public String toString() {
            return "LegacyAnswerSigner[MD5]";
        }
    }

    /** §8.2 RSA (SHA1withRSA) or RSA2 (SHA256withRSA) with the gateway's private key. */
    final class Rsa implements LegacyAnswerSigner {
        private final LegacySignType type;
        private final BiFunction<String, Charset, String> key;

        private Rsa(LegacySignType type, BiFunction<String, Charset, String> key) {
            if (type == null || type == LegacySignType.MD5) {
                throw new IllegalArgumentException("not an RSA sign_type: " + type);
            }
            this.type = type;
            this.key = Objects.requireNonNull(key, "key");
        }

        @Override
        public LegacySignType type() {
            return type;
        }

        @Override
        public String sign(String content, Charset charset) {
            return key.apply(content, charset);
        }

        @Override
        public String toString() {
            return "LegacyAnswerSigner[" + type + "]";
        }
    }
}
