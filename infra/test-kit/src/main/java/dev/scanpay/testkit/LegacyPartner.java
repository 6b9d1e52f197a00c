package dev.scanpay.testkit;

import dev.scanpay.core.api.legacy.LegacyPartnerKeys;
import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.api.legacy.LegacySignature;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A legacy POS calling {@code /gateway.do} as a registered partner (16 digits starting 2088): its requests signed
 * with its MD5 key or its RSA key pair as protocol.md §8.2 says, sent as GET or as a POSTed form the ways real
 * clients send them, and the XML answers read and their signatures checked (MD5 with the same key; RSA and RSA2
 * with the gateway's public key).
 */
public final class LegacyPartner {

    public static final String PATH = "/gateway.do";
    /** Alipay's own Java demo's Content-Type for its POST. */
    public static final String DEMO_CONTENT_TYPE = "application/x-www-form-urlencoded; text/html; charset=UTF-8";

    private final Transport transport;
    public final String partnerId;
    private final String md5Key;
    private final KeyPair keys;
    private final PublicKey gatewayKey;

    public LegacyPartner(Transport transport, String partnerId, String md5Key, KeyPair keys, PublicKey gatewayKey) {
        this.transport = transport;
        this.partnerId = partnerId;
        this.md5Key = md5Key;
        this.keys = keys;
        this.gatewayKey = gatewayKey;
    }

    /** The parameters with partner, _input_charset, sign_type and sign added (the signature over the others). */
    public Map<String, String> signed(LegacySignType type, Map<String, String> params) {
        Map<String, String> all = new TreeMap<>(params);
        all.putIfAbsent("partner", partnerId);
        all.putIfAbsent("_input_charset", "UTF-8");
        return LegacySignature.signed(all, type, StandardCharsets.UTF_8, md5Key, keys == null ? null : keys.getPrivate());
    }

    /** GET with every parameter in the query (what most clients send). */
    public Answer get(LegacySignType type, Map<String, String> params) {
        return send("GET", PATH + "?" + form(signed(type, params)), Map.of(), null);
    }

    /**
     * POST as Alipay's demo does: {@code gateway.do?_input_charset=UTF-8}, the form (with _input_charset too) in the
     * body, the demo's Content-Type.
     */
    public Answer postAsDemo(LegacySignType type, Map<String, String> params) {
        return send("POST", PATH + "?_input_charset=UTF-8", Map.of("Content-Type", DEMO_CONTENT_TYPE),
                form(signed(type, params)));
    }

    /** Sends exactly these (already signed, or deliberately not) parameters as a GET. */
    public Answer getRaw(Map<String, String> params) {
        return send("GET", PATH + "?" + form(params), Map.of(), null);
    }

    /** A signed GET whose parameters the API contract does not allow (a service it does not list); answer checked. */
    public Answer getMalformed(LegacySignType type, Map<String, String> params) {
        return send(transport.unchecked(), "GET", PATH + "?" + form(signed(type, params)), Map.of(), null);
    }

    /** {@link #getRaw} of parameters the API contract does not allow (a sign_type it does not list); answer checked. */
    public Answer getRawMalformed(Map<String, String> params) {
        return send(transport.unchecked(), "GET", PATH + "?" + form(params), Map.of(), null);
    }

    public Answer send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return send(transport, method, pathAndQuery, headers, body);
    }

    private Answer send(Transport transport, String method, String pathAndQuery, Map<String, String> headers,
                               String body) {
        Transport.Response response = transport.call(method, pathAndQuery, headers, body);
        return new Answer(response.status(), response.headers().get("Content-Type"), response.body());
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A {@code /gateway.do} answer, read. */
    public final class Answer {
        public final int status;
        public final String contentType;
        public final byte[] body;
        private final Document xml;

        Answer(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            Document document = null;
            try {
                document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body));
            } catch (Exception e) {
                // not XML: text() still reads it (notify_verify answers true or false)
            }
            this.xml = document;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String isSuccess() {
            return child(xml.getDocumentElement(), "is_success");
        }

        /** The gateway-level error of a refusal ({@code is_success=F}). */
        public String error() {
            return child(xml.getDocumentElement(), "error");
        }

        /** The children of {@code <response><alipay>}, in document order. */
        public Map<String, String> response() {
            Map<String, String> fields = new LinkedHashMap<>();
            NodeList responses = xml.getDocumentElement().getElementsByTagName("response");
            if (responses.getLength() == 0) {
                return fields;
            }
            Element alipay = (Element) ((Element) responses.item(0)).getElementsByTagName("alipay").item(0);
            for (Node n = alipay.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    fields.put(e.getTagName(), e.getTextContent());
                }
            }
            return fields;
        }

        public String get(String field) {
            return response().get(field);
        }

        /** The echoed request parameters. */
        public Map<String, String> request() {
            Map<String, String> params = new LinkedHashMap<>();
            NodeList list = xml.getDocumentElement().getElementsByTagName("param");
            for (int i = 0; i < list.getLength(); i++) {
                Element param = (Element) list.item(i);
                params.put(param.getAttribute("name"), param.getTextContent());
            }
            return params;
        }

        /** Whether {@code <sign>} verifies over the response's fields with {@code <sign_type>} (§8.2). */
        public boolean signatureVerifies() {
            String sign = child(xml.getDocumentElement(), "sign");
            LegacySignType type = LegacySignType.valueOf(child(xml.getDocumentElement(), "sign_type"));
            return LegacySignature.verifies(type, LegacySignature.content(response()), StandardCharsets.UTF_8,
                    new LegacyPartnerKeys(md5Key, gatewayKey), sign);
        }

        public String signType() {
            return child(xml.getDocumentElement(), "sign_type");
        }

        private static String child(Element parent, String name) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    return e.getTextContent();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
