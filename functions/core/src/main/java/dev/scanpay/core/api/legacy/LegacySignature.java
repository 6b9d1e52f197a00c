package dev.scanpay.core.api.legacy;

import dev.scanpay.core.signing.RsaSigner;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy API's signatures (protocol.md §8.2), in every direction: requests and notifications verified,
 * answers and notifications signed. Hashing, RSA and base64 are the JDK's (RSA2 through core's {@link RsaSigner}).
 * Nothing here logs a key; a failed check logs, at debug, the content that was checked, which holds no key.
 */
public final class LegacySignature {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySignature.class);

    private LegacySignature() {
    }

    /**
     * The content signed: every parameter except {@code sign}, {@code sign_type} and empty ones, sorted by key,
     * joined {@code k=v&...} with the decoded (not URL-encoded) values.
     */
    public static String content(Map<String, String> params) {
        // §8.2: "all request params except sign and sign_type, and except empty-valued ones"
        // §8.2: "sort by key (ASCII ascending), join key=value with &, using raw (not URL-encoded) values";
        // String order is UTF-16 code unit order, which is ASCII order for the ASCII keys of the protocol
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** §8.2: "sign = lowercase hex(MD5(prestr + md5Key)) — key appended directly, no &key=". */
    public static String md5Sign(String content, String md5Key, Charset charset) {
        return HexFormat.of().formatHex(md5(content, md5Key, charset));
    }

    /** Constant-time comparison of the digests; either case of hex is taken. False for anything malformed. */
    public static boolean md5Verify(String content, String md5Key, Charset charset, String sign) {
        if (sign == null || sign.length() != 32) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sign);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(md5(content, md5Key, charset), given);
    }

    /** §8.2: RSA = SHA1withRSA, RSA2 = SHA256withRSA, over the content in the request's charset, base64. */
    public static String rsaSign(LegacySignType type, String content, Charset charset, PrivateKey key) {
        byte[] bytes = content.getBytes(charset);
        if (type == LegacySignType.RSA2) {
            return RsaSigner.sign(key, bytes);
        }
        requireRsa(type);
        try {
            Signature signature = Signature.getInstance(type.jcaAlgorithm());
            signature.initSign(key);
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** False for any malformed or wrong signature; never throws for bad input. */
    public static boolean rsaVerify(LegacySignType type, String content, Charset charset, PublicKey key, String sign) {
        if (key == null || sign == null) {
            return false;
        }
        requireRsa(type);
        // a base64 '+' sent unencoded in a query string arrives as a space; a space is never base64
        String base64 = sign.replace(' ', '+');
        byte[] bytes = content.getBytes(charset);
        if (type == LegacySignType.RSA2) {
            return RsaSigner.verify(key, bytes, base64);
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            Signature signature = Signature.getInstance(type.jcaAlgorithm());
            signature.initVerify(key);
            signature.update(bytes);
            return signature.verify(raw);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a request (or a notification) signed as §8.2 says, with the partner's keys.
     *
     * @return the sign_type used, which the answer is signed with
     * @throws LegacyRefusal ILLEGAL_SIGN_TYPE when sign_type is missing, unknown or one the partner has no key for;
     *                       ILLEGAL_SIGN when sign is missing or does not match
     */
    public static LegacySignType verify(Map<String, String> params, Charset charset, LegacyPartnerKeys keys) {
        Objects.requireNonNull(keys, "keys");
        LegacySignType type = LegacySignType.parse(params.get("sign_type"));
        if (!keys.has(type)) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_SIGN_TYPE, "the partner has no " + type + " key");
        }
        String sign = params.get("sign");
        if (sign == null || sign.isEmpty()) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_SIGN, "sign is missing");
        }
        String content = content(params);
        if (!verifies(type, content, charset, keys, sign)) {
            // lessons 1: say what was checked, so a partner can compare it with what it signed; never the key
            LOG.debug("legacy {} signature does not match; content checked ({}): {}", type, charset.name(), content);
            throw new LegacyRefusal(LegacyError.ILLEGAL_SIGN, "the " + type + " signature does not match");
        }
        return type;
    }

    /**
     * Whether {@code sign} is {@code content} signed with {@code type}: MD5 with the key shared with the partner, RSA
     * and RSA2 with any of the public keys. The gateway checks requests with the partner's keys; a client checks
     * answers with the same MD5 key and the gateway's public key.
     */
    public static boolean verifies(LegacySignType type, String content, Charset charset, LegacyPartnerKeys keys, String sign) {
        return type == LegacySignType.MD5
                ? md5Verify(content, keys.md5Key(), charset, sign)
                : keys.publicKeys().stream().anyMatch(key -> rsaVerify(type, content, charset, key, sign));
    }

    /**
     * A client's request: {@code params} with {@code sign_type} and {@code sign} added, the signature over the others
     * (MD5 with the partner's key, RSA and RSA2 with its private key), sorted by name.
     */
    public static Map<String, String> signed(Map<String, String> params, LegacySignType type, Charset charset,
                                             String md5Key, PrivateKey privateKey) {
        Map<String, String> signed = new TreeMap<>(params);
        String content = content(signed);
        signed.put("sign_type", type.name());
        signed.put("sign", type == LegacySignType.MD5
                ? md5Sign(content, md5Key, charset)
                : rsaSign(type, content, charset, privateKey));
        return signed;
    }

    private static byte[] md5(String content, String md5Key, Charset charset) {
        Objects.requireNonNull(md5Key, "md5Key");
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(content.getBytes(charset));
            digest.update(md5Key.getBytes(charset));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireRsa(LegacySignType type) {
        if (type == null || type.jcaAlgorithm() == null) {
            throw new IllegalArgumentException("not an RSA sign_type: " + type);
        }
    }
}
