package dev.scanpay.core.signing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code Signature} header: {@code algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>}.
 * URL-encoding the base64 guarantees no raw '=' or ',' inside the value, so splitting on ',' is safe.
 */
public record SignatureHeader(String algorithm, String keyVersion, String signatureBase64) {

    public static final String RSA256 = "RSA256";

    public static SignatureHeader rsa256(String keyVersion, String signatureBase64) {
        return new SignatureHeader(RSA256, keyVersion, signatureBase64);
    }

    /** Empty when the header is absent or not of the documented shape. */
    public static Optional<SignatureHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String algorithm = null;
        String keyVersion = null;
        String signature = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (name) {
                case "algorithm" -> algorithm = value;
                case "keyVersion" -> keyVersion = value;
                case "signature" -> {
                    try {
                        signature = URLDecoder.decode(value, StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformedEscape) {
                        return Optional.empty();
                    }
                }
                default -> { }
            }
        }
        if (algorithm == null || signature == null || signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignatureHeader(algorithm, keyVersion, signature));
    }

    public String format() {
        return "algorithm=" + algorithm + ",keyVersion=" + keyVersion + ",signature="
                + URLEncoder.encode(signatureBase64, StandardCharsets.UTF_8);
    }
}
