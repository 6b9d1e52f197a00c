package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyRequestParserTest {

    private static final String DEMO_CONTENT_TYPE = "application/x-www-form-urlencoded; text/html; charset=UTF-8";
    private static final String MD5_KEY = "demo-md5-key-0123456789abcdef";
    private static final Charset GBK = Charset.forName("GBK");

    private final LegacyRequestParser parser = new LegacyRequestParser();

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Signed with MD5 over the decoded values, as a client does before encoding them. */
    private static Map<String, String> signed(Map<String, String> params, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>(params);
        out.put("sign_type", "MD5");
        out.put("sign", LegacySignature.md5Sign(LegacySignature.content(params), MD5_KEY, charset));
        return out;
    }

    private static String form(Map<String, String> params, Charset charset) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), charset) + "=" + URLEncoder.encode(e.getValue(), charset))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> refund() {
        return params("service", "alipay.acquire.overseas.spot.refund", "partner", "2088101122136241",
                "_input_charset", "UTF-8", "partner_trans_id", "T 1+2", "partner_refund_id", "R1",
                "refund_amount", "880.00", "currency", "JPY", "refund_reson", "杯子 破了 & 50% off");
    }

    private void assertVerifies(LegacyRequest request) {
        assertThat(LegacySignature.verify(request.asMap(), request.charset(), LegacyPartnerKeys.md5(MD5_KEY)))
                .isEqualTo(LegacySignType.MD5);
    }

    @Test
    void aGetWithEverythingInTheQuery() {
        Map<String, String> sent = signed(refund(), StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("GET", form(sent, StandardCharsets.UTF_8), null, null);
        assertThat(request.asMap()).isEqualTo(sent);
        assertThat(request.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(request.get("refund_reson")).isEqualTo("杯子 破了 & 50% off");
        assertVerifies(request);
    }

    @Test
    void theDemosPostWithTheCharsetInTheQueryAndTheBodyAndItsContentType() {
        Map<String, String> sent = signed(refund(), StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("POST", "_input_charset=UTF-8", DEMO_CONTENT_TYPE,
                form(sent, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.asMap()).isEqualTo(sent);
        assertVerifies(request);
    }

    @Test
    void aPostWithNoQuery() {
        Map<String, String> sent = signed(refund(), StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("POST", null, "application/x-www-form-urlencoded",
                form(sent, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.asMap()).isEqualTo(sent);
        assertVerifies(request);
    }

    @Test
    void aPostWithTheCharsetOnlyInTheQueryHasItAsASignedParameter() {
        Map<String, String> all = signed(refund(), StandardCharsets.UTF_8);
        Map<String, String> body = new LinkedHashMap<>(all);
        body.remove("_input_charset");
        LegacyRequest request = parser.parse("POST", "_input_charset=UTF-8", DEMO_CONTENT_TYPE,
                form(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.asMap()).isEqualTo(all);
        assertVerifies(request);
    }

    @Test
    void aLowerCaseCharsetIsTakenAndSignedAsSent() {
        Map<String, String> sent = refund();
        sent.put("_input_charset", "utf-8");
        sent = signed(sent, StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("POST", "_input_charset=utf-8", DEMO_CONTENT_TYPE,
                form(sent, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.get("_input_charset")).isEqualTo("utf-8");
        assertThat(request.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertVerifies(request);
    }

    @Test
    void theQuerysCharsetMayBeSpeltDifferentlyFromTheBodysWhichIsTheSignedOne() {
        Map<String, String> sent = signed(refund(), StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("POST", "_input_charset=utf-8", DEMO_CONTENT_TYPE,
                form(sent, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.get("_input_charset")).isEqualTo("UTF-8");
        assertVerifies(request);
    }

    @Test
    void gbkValuesAreDecodedAsGbkAndSignedInGbk() {
        Map<String, String> sent = refund();
        sent.put("_input_charset", "GBK");
        sent = signed(sent, GBK);
        LegacyRequest request = parser.parse("POST", "_input_charset=gbk", "application/x-www-form-urlencoded",
                form(sent, GBK).getBytes(StandardCharsets.US_ASCII));
        assertThat(request.charset()).isEqualTo(GBK);
        assertThat(request.get("refund_reson")).isEqualTo("杯子 破了 & 50% off");
        assertVerifies(request);
    }

    @Test
    void rawUnescapedBytesOfTheCharsetAreReadToo() {
        byte[] body = "_input_charset=GBK&trans_name=咖啡".getBytes(GBK);
        assertThat(parser.parse("POST", null, null, body).get("trans_name")).isEqualTo("咖啡");
    }

    @Test
    void withNoInputCharsetTheContentTypesIsUsedThenUtf8() {
        byte[] gbk = ("trans_name=" + URLEncoder.encode("咖啡", GBK)).getBytes(StandardCharsets.US_ASCII);
        LegacyRequest request = parser.parse("POST", null, "application/x-www-form-urlencoded; charset=gbk", gbk);
        assertThat(request.charset()).isEqualTo(GBK);
        assertThat(request.get("trans_name")).isEqualTo("咖啡");
        assertThat(request.get("_input_charset")).isNull();
        byte[] utf8 = ("trans_name=" + URLEncoder.encode("咖啡", StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse("POST", null, "application/x-www-form-urlencoded; charset=ISO-8859-1", utf8).charset())
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(parser.parse("GET", new String(utf8, StandardCharsets.US_ASCII), null, null).get("trans_name"))
                .isEqualTo("咖啡");
    }

    @Test
    void plusIsASpaceAndAnEncodedPlusIsAPlus() {
        LegacyRequest request = parser.parse("GET", "trans_name=cafe+latte&memo=1%2B1&x=a%20b++c", null, null);
        assertThat(request.get("trans_name")).isEqualTo("cafe latte");
        assertThat(request.get("memo")).isEqualTo("1+1");
        assertThat(request.get("x")).isEqualTo("a b  c");
    }

    @Test
    void unknownParametersAreKeptAndEmptyOnesToo() {
        LegacyRequest request = parser.parse("GET", "service=notify_verify&refund_reson=x&memo=&flag&&", null, null);
        assertThat(request.asMap()).containsExactly(Map.entry("flag", ""), Map.entry("memo", ""),
                Map.entry("refund_reson", "x"), Map.entry("service", "notify_verify"));
        assertThat(request.nonEmpty("memo")).isNull();
        assertThat(LegacySignature.content(request.asMap())).isEqualTo("refund_reson=x&service=notify_verify");
    }

    @Test
    void aGetsBodyIsIgnored() {
        assertThat(parser.parse("GET", "a=1", "application/json", "a=2".getBytes(StandardCharsets.US_ASCII)).asMap())
                .containsExactly(Map.entry("a", "1"));
    }

    @Test
    void theBodyCapIsAParameterAndInclusive() {
        LegacyRequestParser small = new LegacyRequestParser(16);
        assertThat(small.parse("POST", null, null, "a=12345678901234".getBytes(StandardCharsets.US_ASCII)).get("a"))
                .hasSize(14);
        assertRefused(() -> small.parse("POST", null, null, "a=123456789012345".getBytes(StandardCharsets.US_ASCII)),
                "larger than 16 bytes");
        assertRefused(() -> small.parse("GET", "a=123456789012345", null, null), "larger than 16 bytes");
        assertThat(new LegacyRequestParser().maxBodyBytes()).isEqualTo(64 * 1024)
                .isEqualTo(LegacyRequestParser.DEFAULT_MAX_BODY_BYTES);
        assertRefused(() -> parser.parse("POST", null, null, new byte[64 * 1024 + 1]), "larger than");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertRefused(() -> parser.parse("GET", "partner=2088101122136241&partner=2088101122136242", null, null),
                "partner is sent twice");
        assertRefused(() -> parser.parse("POST", "trans_amount=1", null, "trans_amount=1".getBytes(StandardCharsets.US_ASCII)),
                "trans_amount is sent twice");
        assertRefused(() -> parser.parse("GET", "a=1&%61=2", null, null), "a is sent twice");
        assertRefused(() -> parser.parse("GET", "_input_charset=UTF-8&_input_charset=UTF-8", null, null),
                "_input_charset is sent twice");
        assertRefused(() -> parser.parse("POST", null, null,
                "_input_charset=UTF-8&_input_charset=GBK".getBytes(StandardCharsets.US_ASCII)), "sent twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "utf8", "UTF-16", "BIG5", "x", "UTF-8 "})
    void anUnknownCharsetIsRefused(String charset) {
        assertRefused(() -> parser.parse("GET", "_input_charset=" + URLEncoder.encode(charset, StandardCharsets.UTF_8),
                null, null), "_input_charset is not UTF-8, GBK or GB2312");
    }

    @Test
    void theQueryAndTheBodyMustNameTheSameCharset() {
        assertRefused(() -> parser.parse("POST", "_input_charset=GBK", DEMO_CONTENT_TYPE,
                "_input_charset=UTF-8".getBytes(StandardCharsets.US_ASCII)), "differs");
    }

    @Test
    void brokenEncodingsAreRefusedNotReplaced() {
        assertRefused(() -> parser.parse("GET", "a=%E5%92", null, null), "not UTF-8");
        assertRefused(() -> parser.parse("GET", "a=%FF", null, null), "not UTF-8");
        assertRefused(() -> parser.parse("GET", "a=%", null, null), "broken % escape");
        assertRefused(() -> parser.parse("GET", "a=%4", null, null), "broken % escape");
        assertRefused(() -> parser.parse("GET", "a=%zz", null, null), "broken % escape");
        assertRefused(() -> parser.parse("GET", "_input_charset=GBK&a=%FF%FF", null, null), "not GBK");
    }

    @Test
    void charactersXmlCannotCarryAreRefused() {
        assertRefused(() -> parser.parse("GET", "a=%00", null, null), "control character");
        assertRefused(() -> parser.parse("GET", "a=x%1By", null, null), "control character");
        assertRefused(() -> parser.parse("GET", "a%07=1", null, null), "control character");
        assertRefused(() -> parser.parse("GET", "a=%EF%BF%BF", null, null), "control character");
        assertThat(parser.parse("GET", "a=%09%0A%0D", null, null).get("a")).isEqualTo("\t\n\r");
        assertThat(parser.parse("GET", "a=%F0%9F%98%80", null, null).get("a")).isEqualTo("😀");
    }

    @Test
    void anythingButAFormOrAGetIsRefused() {
        assertRefused(() -> parser.parse("POST", null, "application/json", "{}".getBytes(StandardCharsets.US_ASCII)),
                "must be application/x-www-form-urlencoded");
        assertRefused(() -> parser.parse("POST", null, "multipart/form-data; boundary=x",
                "a=1".getBytes(StandardCharsets.US_ASCII)), "must be application/x-www-form-urlencoded");
        assertThat(parser.parse("POST", null, "Application/X-WWW-Form-URLEncoded;charset=utf-8",
                "a=1".getBytes(StandardCharsets.US_ASCII)).get("a")).isEqualTo("1");
        assertRefused(() -> parser.parse("PUT", "a=1", null, null), "not GET or POST");
        assertRefused(() -> parser.parse("GET", "=1", null, null), "no name");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT))
                .hasMessageContaining(detail);
    }
}
