package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.signing.RsaKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class LegacyAnswerTest {

    private static final String PARTNER_MD5_KEY = "partner-md5-key-0123456789";
    private static final Charset GBK = Charset.forName("GBK");
    private static PrivateKey gatewayKey;
    private static PublicKey gatewayPublicKey;

    @BeforeAll
    static void gatewayKeys() throws Exception {
        Properties vectors = new Properties();
        try (Reader reader = new InputStreamReader(
                LegacyAnswerTest.class.getResourceAsStream("/legacy/openssl-vectors.properties"), StandardCharsets.UTF_8)) {
            vectors.load(reader);
        }
        gatewayKey = RsaKeys.privateKey(vectors.getProperty("privateKey"));
        gatewayPublicKey = RsaKeys.publicKey(vectors.getProperty("publicKey"));
    }

    private static Map<String, String> requestParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.pay");
        params.put("partner", "2088101122136241");
        params.put("_input_charset", "utf-8");
        params.put("trans_name", "<b>Café & \"Tea\"</b> ]]> 咖啡");
        params.put("memo", "");
        params.put("refund_reson", "a'b");
        params.put("sign_type", "MD5");
        params.put("sign", "0123456789abcdef0123456789abcdef");
        return params;
    }

    private static Map<String, String> spotPayResponse() {
        Map<String, String> response = new LinkedHashMap<>();
        response.put("trans_amount", "880");
        response.put("result_code", "SUCCESS");
        response.put("partner_trans_id", "T<1>&2");
        response.put("currency", "JPY");
        response.put("alipay_trans_id", "2026031021001004");
        response.put("alipay_pay_time", "20260310120000");
        response.put("alipay_buyer_login_id", "ca***@example.com");
        response.put("error", "");
        response.put("exchange_rate", null);
        return response;
    }

    /** What a client does: parse the XML, take the children of response/alipay, sort and join them, verify. */
    private static boolean clientVerifies(byte[] answer, String md5Key, PublicKey gatewayPublicKey) throws Exception {
        Document document = parse(answer);
        Element root = document.getDocumentElement();
        Element alipay = only(only(root, "response"), "alipay");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element child : children(alipay)) {
            fields.put(child.getTagName(), child.getTextContent());
        }
        String content = LegacySignature.content(fields);
        String sign = only(root, "sign").getTextContent();
        LegacySignType type = LegacySignType.parse(only(root, "sign_type").getTextContent());
        Charset charset = Charset.forName(document.getXmlEncoding());
        return type == LegacySignType.MD5
                ? LegacySignature.md5Verify(content, md5Key, charset, sign)
                : LegacySignature.rsaVerify(type, content, charset, gatewayPublicKey, sign);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static Element only(Element parent, String name) {
        List<Element> matching = children(parent).stream().filter(e -> e.getTagName().equals(name)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Test
    void anAcceptedAnswerHasTheShapeOfTheProtocolsExample() throws Exception {
        byte[] answer = LegacyAnswer.accepted(requestParams(), spotPayResponse())
                .render(StandardCharsets.UTF_8, LegacyAnswerSigner.md5(PARTNER_MD5_KEY));
        String text = new String(answer, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>T</is_success>");

        Element root = parse(answer).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("alipay");
        assertThat(children(root)).extracting(Element::getTagName)
                .containsExactly("is_success", "request", "response", "sign", "sign_type");
        assertThat(only(root, "sign_type").getTextContent()).isEqualTo("MD5");
        // the response's children ascending, with no empty ones
        assertThat(children(only(only(root, "response"), "alipay"))).extracting(Element::getTagName)
                .containsExactly("alipay_buyer_login_id", "alipay_pay_time", "alipay_trans_id", "currency",
                        "partner_trans_id", "result_code", "trans_amount");
        assertThat(only(only(only(root, "response"), "alipay"), "partner_trans_id").getTextContent())
                .isEqualTo("T<1>&2");
    }

    @Test
    void everyRequestParameterIsEchoedEscapedAndReadsBackAsSent() throws Exception {
        byte[] answer = LegacyAnswer.accepted(requestParams(), spotPayResponse())
                .render(StandardCharsets.UTF_8, LegacyAnswerSigner.md5(PARTNER_MD5_KEY));
        Element request = only(parse(answer).getDocumentElement(), "request");
        Map<String, String> echoed = new LinkedHashMap<>();
        for (Element param : children(request)) {
            assertThat(param.getTagName()).isEqualTo("param");
            echoed.put(param.getAttribute("name"), param.getTextContent());
        }
        assertThat(echoed).isEqualTo(requestParams());
        assertThat(new ArrayList<>(echoed.keySet())).isSorted();
        assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("<b>").doesNotContain("& \"");
    }

    @Test
    void aClientVerifiesEachSignTypeFromTheParsedXml() throws Exception {
        LegacyAnswer answer = LegacyAnswer.accepted(requestParams(), spotPayResponse());
        byte[] md5 = answer.render(StandardCharsets.UTF_8, LegacyAnswerSigner.md5(PARTNER_MD5_KEY));
        byte[] rsa = answer.render(StandardCharsets.UTF_8, LegacyAnswerSigner.rsa(LegacySignType.RSA, gatewayKey));
        byte[] rsa2 = answer.render(StandardCharsets.UTF_8, LegacyAnswerSigner.rsa(LegacySignType.RSA2, gatewayKey));
        assertThat(clientVerifies(md5, PARTNER_MD5_KEY, null)).isTrue();
        assertThat(clientVerifies(rsa, null, gatewayPublicKey)).isTrue();
        assertThat(clientVerifies(rsa2, null, gatewayPublicKey)).isTrue();
        assertThat(clientVerifies(md5, "another partner's key", null)).isFalse();
        assertThat(answer.signedContent()).isEqualTo("alipay_buyer_login_id=ca***@example.com"
                + "&alipay_pay_time=20260310120000&alipay_trans_id=2026031021001004&currency=JPY"
                + "&partner_trans_id=T<1>&2&result_code=SUCCESS&trans_amount=880");
    }

    @Test
    void aGbkRequestGetsAGbkAnswerThatVerifiesInGbk() throws Exception {
        Map<String, String> response = spotPayResponse();
        response.put("alipay_buyer_login_id", "张三");
        Map<String, String> request = requestParams();
        request.put("_input_charset", "GBK");
        request.put("memo", "not in GBK: 😀");
        byte[] answer = LegacyAnswer.accepted(request, response)
                .render(GBK, LegacyAnswerSigner.md5(PARTNER_MD5_KEY));
        assertThat(new String(answer, GBK)).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>")
                .contains("<alipay_buyer_login_id>张三</alipay_buyer_login_id>");
        assertThat(clientVerifies(answer, PARTNER_MD5_KEY, null)).isTrue();
        Element echoed = children(only(parse(answer).getDocumentElement(), "request")).stream()
                .filter(e -> e.getAttribute("name").equals("memo")).findFirst().orElseThrow();
        assertThat(echoed.getTextContent()).isEqualTo("not in GBK: 😀");
    }

    @Test
    void aRefusalIsTheErrorOnlyAndWellFormed() throws Exception {
        for (LegacyError error : LegacyError.values()) {
            byte[] answer = LegacyAnswer.refused(error).render(StandardCharsets.UTF_8);
            assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>F</is_success><error>"
                            + error.name() + "</error></alipay>");
            assertThat(parse(answer).getDocumentElement().getTagName()).isEqualTo("alipay");
        }
        assertThat(new String(LegacyAnswer.refused(LegacyError.ILLEGAL_SIGN)
                .render(GBK, LegacyAnswerSigner.md5(PARTNER_MD5_KEY)), GBK))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"GBK\"?><alipay><is_success>F</is_success>"
                        + "<error>ILLEGAL_SIGN</error></alipay>");
        assertThat(LegacyAnswer.refused(LegacyError.ILLEGAL_SIGN).isSuccess()).isFalse();
    }

    @Test
    void anAcceptedAnswerIsNeverUnsignedAndNeverCarriesWhatXmlCannot() {
        LegacyAnswer answer = LegacyAnswer.accepted(requestParams(), spotPayResponse());
        assertThatThrownBy(() -> answer.render(StandardCharsets.UTF_8)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> answer.render(StandardCharsets.UTF_8, null)).isInstanceOf(NullPointerException.class);
        Map<String, String> response = spotPayResponse();
        response.put("error", "bad\u0000");
        assertThatThrownBy(() -> LegacyAnswer.accepted(requestParams(), response)
                .render(StandardCharsets.UTF_8, LegacyAnswerSigner.md5(PARTNER_MD5_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LegacyAnswer.accepted(requestParams(), Map.of("a><b", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aParsedRequestsEchoAndAnswerRoundTrip() throws Exception {
        LegacyRequest request = new LegacyRequestParser().parse("GET",
                "service=alipay.acquire.overseas.query&partner=2088101122136241&_input_charset=utf-8"
                        + "&partner_trans_id=a%3Cb%3E%26c&refund_reson=x+y&sign_type=MD5&sign=00", null, null);
        byte[] answer = LegacyAnswer.accepted(request.asMap(), Map.of("result_code", "FAIL", "error", "TRANS_NOT_FOUND"))
                .render(request.charset(), LegacyAnswerSigner.md5(PARTNER_MD5_KEY));
        assertThat(clientVerifies(answer, PARTNER_MD5_KEY, null)).isTrue();
        assertThat(new String(answer, StandardCharsets.UTF_8))
                .contains("<param name=\"partner_trans_id\">a&lt;b&gt;&amp;c</param>")
                .contains("<param name=\"refund_reson\">x y</param>");
    }
}
