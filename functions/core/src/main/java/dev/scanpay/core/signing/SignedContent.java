package dev.scanpay.core.signing;

import java.nio.charset.StandardCharsets;

/**
 * The bytes an AMS / Alipay+ signature covers:
 * {@code <METHOD> <URI>\n<Client-Id>.<Request-Time or Response-Time>.<body>}, where body is the exact
 * bytes on the wire (never a re-serialization of parsed JSON).
 */
public final class SignedContent {

    private SignedContent() {
    }

    public static byte[] of(String method, String uri, String clientId, String time, byte[] body) {
        byte[] head = (method + " " + uri + "\n" + clientId + "." + time + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + body.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(body, 0, content, head.length, body.length);
        return content;
    }

    /**
     * The content as text, for debug logs of failed verifications, with anything that looks like a
     * customer payment code (16 to 24 digits) masked: those must never reach a log whole.
     */
    public static String describe(byte[] content) {
        return java.util.regex.Pattern.compile("(?<!\\d)(\\d{4})(\\d{8,16})(\\d{4})(?!\\d)")
                .matcher(new String(content, StandardCharsets.UTF_8))
                .replaceAll(m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }
}
