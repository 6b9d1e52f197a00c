package dev.scanpay.core.api.legacy;

import dev.scanpay.core.api.SignedJsonApi;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the parameters of a {@code /gateway.do} request from its URL query and, for a POST, its
 * {@code application/x-www-form-urlencoded} body (§8.1), the way legacy clients send them (issue 11 item 5):
 * GET with everything in the query; POST with everything in the body; POST with {@code _input_charset} in the query
 * as well as the body; the demo's Content-Type {@code application/x-www-form-urlencoded; text/html; charset=UTF-8}.
 * Values are decoded with the request's charset ({@code +} is a space) and kept decoded, which is what is signed.
 */
public final class LegacyRequestParser {

    /**
     * The largest body (and query) taken: the same 64 KB as the signed JSON APIs
     * ({@link SignedJsonApi#MAX_BODY_BYTES}, which the code pages' {@code FormSizeLimit} also takes). A spot.pay
     * is under 2 KB.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = SignedJsonApi.MAX_BODY_BYTES;

    /** The charset when the request names none (see {@link #charsetOf}). */
    public static final Charset DEFAULT_CHARSET = StandardCharsets.UTF_8;

    // §8.3 _input_charset: "UTF-8 (GBK/GB2312 also listed)"; names matched in any case (clients send utf-8)
    private static final Map<String, Charset> CHARSETS = Map.of(
            "UTF-8", StandardCharsets.UTF_8,
            "GBK", Charset.forName("GBK"),
            "GB2312", Charset.forName("GB2312"));

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CHARSET_PARAM = "_input_charset";

    private final int maxBodyBytes;

    public LegacyRequestParser() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    public LegacyRequestParser(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param method      GET or POST
     * @param rawQuery    the URL query as sent, still percent-encoded, without the '?'; null or empty for none
     * @param contentType the Content-Type header, or null
     * @param body        the body's bytes (a GET's are ignored), or null
     * @throws LegacyRefusal ILLEGAL_ARGUMENT for anything that is not a well-formed request of this API
     */
    public LegacyRequest parse(String method, String rawQuery, String contentType, byte[] body) {
        boolean post = "POST".equals(method);
        if (!post && !"GET".equals(method)) {
            // §8.1: "GET query or POST form"
            throw refused("method " + method + " is not GET or POST");
        }
        byte[] query = rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.UTF_8);
        byte[] form = post && body != null ? body : new byte[0];
        if (query.length > maxBodyBytes || form.length > maxBodyBytes) {
            // issue 11 item 6: "the same body size limit as the other adapters"
            throw refused("request is larger than " + maxBodyBytes + " bytes");
        }
        if (form.length > 0 && contentType != null && !mediaType(contentType).equals(FORM)) {
            // §8.1: parameters come as a query or a POSTed form, nothing else
            throw refused("a POST body must be " + FORM);
        }
        List<RawPair> queryPairs = split(query);
        List<RawPair> formPairs = split(form);
        Charset charset = charsetOf(queryPairs, formPairs, contentType);

        TreeMap<String, String> params = new TreeMap<>();
        for (RawPair pair : queryPairs) {
            put(params, decode(pair.key, charset), decode(pair.value, charset));
        }
        for (RawPair pair : formPairs) {
            String key = decode(pair.key, charset);
            String value = decode(pair.value, charset);
            if (key.equals(CHARSET_PARAM) && params.containsKey(CHARSET_PARAM)) {
                // §8.1: "with POST put _input_charset in the URL query too": the body's copy is the one its
                // sender signed (charsetOf has checked that both name the same charset)
                params.put(key, value);
                continue;
            }
            put(params, key, value);
        }
        return new LegacyRequest(params, charset);
    }

    /**
     * The request's charset: {@code _input_charset} from the body or the query (both, if both have it, naming the
     * same one); else a charset the Content-Type names, if it is one of §8.3's; else UTF-8.
     */
    private static Charset charsetOf(List<RawPair> queryPairs, List<RawPair> formPairs, String contentType) {
        Optional<Charset> inForm = namedCharset(formPairs, "body");
        Optional<Charset> inQuery = namedCharset(queryPairs, "query");
        if (inForm.isPresent() && inQuery.isPresent() && !inForm.get().equals(inQuery.get())) {
            throw refused(CHARSET_PARAM + " differs between the query and the body");
        }
        if (inForm.isPresent() || inQuery.isPresent()) {
            return inForm.orElseGet(inQuery::get);
        }
        return contentTypeCharset(contentType).map(CHARSETS::get).orElse(DEFAULT_CHARSET);
    }

    private static Optional<Charset> namedCharset(List<RawPair> pairs, String where) {
        List<RawPair> named = pairs.stream()
                .filter(p -> decode(p.key, StandardCharsets.ISO_8859_1).equals(CHARSET_PARAM)).toList();
        if (named.size() > 1) {
            throw refused(CHARSET_PARAM + " is sent twice in the " + where);
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        // charset names are ASCII whatever the charset they name; Latin-1 reads any byte, so nothing fails here
        String name = decode(named.get(0).value, StandardCharsets.ISO_8859_1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Charset charset = CHARSETS.get(name.toUpperCase(Locale.ROOT));
        if (charset == null) {
            // §8.3 lists UTF-8, GBK, GB2312; §8 documents no charset error of its own
            throw refused(CHARSET_PARAM + " is not UTF-8, GBK or GB2312");
        }
        return Optional.of(charset);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a Content-Type, upper case, if it names one of §8.3's charsets. */
    private static Optional<String> contentTypeCharset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String part : contentType.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                String name = kv[1].trim().replace("\"", "").toUpperCase(Locale.ROOT);
                return CHARSETS.containsKey(name) ? Optional.of(name) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void put(TreeMap<String, String> params, String key, String value) {
        if (key.isEmpty()) {
            throw refused("a parameter has no name");
        }
        if (params.putIfAbsent(key, value) != null) {
            // one value per name: which of two a signer meant cannot be known
            throw refused("parameter " + printable(key) + " is sent twice");
        }
    }

    /** Splits {@code k=v&k=v} on its ASCII separators, which no byte of a GBK or UTF-8 character can be. */
    private static List<RawPair> split(byte[] bytes) {
        List<RawPair> pairs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '&') {
                if (i > start) {
                    pairs.add(RawPair.of(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return pairs;
    }

    /**
     * {@code application/x-www-form-urlencoded} decoding: {@code +} is a space, {@code %XX} a byte, and the bytes are
     * read in the request's charset, strictly: a broken escape or a byte sequence the charset has no character for
     * is refused rather than replaced, and so is any character XML 1.0 cannot carry (the answer echoes values).
     */
    private static String decode(byte[] raw, Charset charset) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '+') {
                bytes.put((byte) ' ');
            } else if (b == '%') {
                if (i + 2 >= raw.length || !HexFormat.isHexDigit(raw[i + 1]) || !HexFormat.isHexDigit(raw[i + 2])) {
                    throw refused("a parameter has a broken % escape");
                }
                bytes.put((byte) ((HexFormat.fromHexDigit(raw[i + 1]) << 4) | HexFormat.fromHexDigit(raw[i + 2])));
                i += 2;
            } else {
                bytes.put(b);
            }
        }
        bytes.flip();
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused("a parameter is not " + charset.name());
        }
        if (!LegacyXml.isXmlText(text)) {
            throw refused("a parameter holds a control character");
        }
        return text;
    }

    /** A name for a log line: the key only if it is short and plain. */
    private static String printable(String key) {
        return key.length() <= 64 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? key : "(unprintable)";
    }

    private static LegacyRefusal refused(String why) {
        return new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, why);
    }

    private record RawPair(byte[] key, byte[] value) {
        static RawPair of(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '=') {
                    return new RawPair(java.util.Arrays.copyOfRange(bytes, from, i),
                            java.util.Arrays.copyOfRange(bytes, i + 1, to));
                }
            }
            return new RawPair(java.util.Arrays.copyOfRange(bytes, from, to), new byte[0]);
        }
    }
}
