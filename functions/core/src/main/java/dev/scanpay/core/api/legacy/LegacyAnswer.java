package dev.scanpay.core.api.legacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML answer of {@code /gateway.do} (protocol.md §8.3), written by the JDK's StAX writer, which escapes every
 * value (and writes as a character reference any character the charset lacks):
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <alipay><is_success>T</is_success>
 *   <request><param name="k">v</param>...</request>
 *   <response><alipay><a>..</a><b>..</b>...</alipay></response>
 *   <sign>...</sign><sign_type>MD5</sign_type></alipay>
 * }</pre>
 * or, when the gateway refused the request, {@code <alipay><is_success>F</is_success><error>CODE</error></alipay>}.
 */
public final class LegacyAnswer {

    // §8.3–§8.6 response fields: result_code, alipay_trans_id, ... (each an element name)
    private static final java.util.regex.Pattern FIELD_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*");

    private final LegacyError error;
    private final SortedMap<String, String> request;
    private final SortedMap<String, String> response;

    private LegacyAnswer(LegacyError error, SortedMap<String, String> request, SortedMap<String, String> response) {
        this.error = error;
        this.request = request;
        this.response = response;
    }

    /** §8.3: "F = gateway rejected; then {@code <error>CODE</error>} only": no echo, no response, no signature. */
    public static LegacyAnswer refused(LegacyError error) {
        return new LegacyAnswer(Objects.requireNonNull(error, "error"), Collections.emptySortedMap(),
                Collections.emptySortedMap());
    }

    /**
     * An accepted request's answer: every request parameter echoed, and the service's fields. Fields with no value
     * are left out, as they would be left out of the signature (§8.2).
     */
    public static LegacyAnswer accepted(Map<String, String> requestParams, Map<String, String> responseFields) {
        TreeMap<String, String> response = new TreeMap<>();
        responseFields.forEach((name, value) -> {
            if (!FIELD_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a response field name: " + name);
            }
            if (value != null && !value.isEmpty()) {
                response.put(name, value);
            }
        });
        return new LegacyAnswer(null, Collections.unmodifiableSortedMap(new TreeMap<>(requestParams)),
                Collections.unmodifiableSortedMap(response));
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** The fields of {@code <response><alipay>}, in the ascending order they are written and signed in. */
    public SortedMap<String, String> response() {
        return response;
    }

    /**
     * What the answer's {@code <sign>} signs: the children of {@code <response><alipay>} by the request rule
     * (§8.2: "sign/verify over the children of {@code <response><alipay>} (same sort/join rule)").
     */
    public String signedContent() {
        return LegacySignature.content(response);
    }

    /** A refusal, which is not signed, in UTF-8 or the charset the request was read in. */
    public byte[] render(Charset charset) {
        if (error == null) {
            throw new IllegalStateException("an accepted answer is signed: render(charset, signer)");
        }
        return write(charset, null);
    }

    /**
     * @param charset the request's charset, named in the XML declaration (issue 11 item 5) and used for the bytes
     *                and for the content signed
     * @param signer  the request's sign_type with its key (issue 11 item 2); ignored for a refusal
     */
    public byte[] render(Charset charset, LegacyAnswerSigner signer) {
        if (error == null) {
            Objects.requireNonNull(signer, "an accepted answer is signed");
        }
        return write(charset, error == null ? signer : null);
    }

    private byte[] write(Charset charset, LegacyAnswerSigner signer) {
        Charset encoding = charset == null ? StandardCharsets.UTF_8 : charset;
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            // the JDK's own writer, whatever else is on the classpath; a factory per answer, as factories are not
            // documented as safe to share between threads (the local stack serves answers concurrently)
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, encoding.name());
            // issue 11 item 5: "answers start with an XML declaration naming the charset"
            xml.writeStartDocument(encoding.name(), "1.0");
            xml.writeStartElement("alipay");
            if (error != null) {
                // §8.3: <is_success>F</is_success> then <error>CODE</error> only
                element(xml, "is_success", "F");
                element(xml, "error", error.name());
            } else {
                // §8.3: "is_success=T only means the request was accepted, not that payment succeeded"
                element(xml, "is_success", "T");
                xml.writeStartElement("request");
                for (Map.Entry<String, String> param : request.entrySet()) {
                    // §8.3: <request><param name="...">...</param>...</request>
                    xml.writeStartElement("param");
                    xml.writeAttribute("name", xmlText(param.getKey()));
                    xml.writeCharacters(xmlText(param.getValue()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                // §8.3 <response><alipay>...</alipay></response>; ascending, as some clients verify in document order
                xml.writeStartElement("response");
                xml.writeStartElement("alipay");
                for (Map.Entry<String, String> field : response.entrySet()) {
                    element(xml, field.getKey(), field.getValue());
                }
                xml.writeEndElement();
                xml.writeEndElement();
                // §8.3: <sign>...</sign><sign_type>MD5</sign_type>, after the response
                element(xml, "sign", signer.sign(signedContent(), encoding));
                element(xml, "sign_type", signer.type().name());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the answer failed", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    /** A value XML cannot carry would make the whole answer unreadable: refuse to write it instead. */
    private static String xmlText(String text) {
        if (!LegacyXml.isXmlText(text)) {
            throw new IllegalArgumentException("a value holds a character XML cannot carry");
        }
        return text;
    }
}
