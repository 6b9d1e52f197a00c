package dev.scanpay.local;

import dev.scanpay.core.api.legacy.LegacyPartnerKeys;
import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.api.legacy.LegacySignature;
import dev.scanpay.core.signing.RsaKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Legacy Barcode API example: a simulator customer shows a payment code, the demo partner sends
 * {@code alipay.acquire.overseas.spot.pay} to {@code /gateway.do} signed with the chosen sign_type, then
 * {@code alipay.acquire.overseas.query}; both XML answers are printed with their signatures checked (MD5 with the
 * partner's key, RSA and RSA2 with the gateway's public key). Exit code 0 when both answers verify and the query
 * says TRADE_SUCCESS.
 */
final class LegacyPayment {

    private static final Charset CHARSET = StandardCharsets.UTF_8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final String walletUrl;
    private final String partner;
    private final LegacySignType signType;
    private final String md5Key;
    private final Map<String, Object> demo;

    private LegacyPayment(String gatewayUrl, String walletUrl, Map<String, Object> demo, LegacySignType signType) {
        this.gatewayUrl = gatewayUrl;
        this.walletUrl = walletUrl;
        this.demo = demo;
        this.signType = signType;
        @SuppressWarnings("unchecked")
        Map<String, Object> legacy = (Map<String, Object>) demo.get("legacy");
        this.partner = (String) legacy.get("partner");
        this.md5Key = (String) legacy.get("md5Key");
    }

    /** A parsed {@code /gateway.do} answer: its {@code <response><alipay>} fields and whether its sign checked out. */
    record Answer(String xml, boolean accepted, Map<String, String> response, String signType, boolean verified) {
    }

    static int run(Args args) throws Exception {
        return run(args, System.out);
    }

    static int run(Args args, PrintStream out) throws Exception {
        LegacyPayment payment = of(args);
        String amount = args.get("amount", "12.34");
        String currency = args.get("currency", "USD");
        String customer = args.get("customer", "alice");

        String walletUrl = payment.walletUrl;
        String code = payment.paymentCode(walletUrl, customer);
        out.println("1. " + customer + " shows payment code " + code.substring(0, 4) + "…" + code.substring(code.length() - 4)
                + " (from " + walletUrl + ")");

        String transId = "LEGACY-DEMO-" + UUID.randomUUID();
        out.println("2. partner " + payment.partner + ": alipay.acquire.overseas.spot.pay partner_trans_id=" + transId
                + " trans_amount=" + amount + " " + currency + " sign_type=" + payment.signType);
        Map<String, String> pay = new TreeMap<>();
        pay.put("service", "alipay.acquire.overseas.spot.pay");
        pay.put("partner", payment.partner);
        pay.put("_input_charset", CHARSET.name());
        pay.put("partner_trans_id", transId);
        pay.put("trans_name", "Demo order");
        pay.put("trans_amount", amount);
        pay.put("currency", currency);
        pay.put("buyer_identity_code", code);
        Answer paid = payment.send(pay);
        payment.print(out, paid);

        out.println("3. partner " + payment.partner + ": alipay.acquire.overseas.query partner_trans_id=" + transId);
        Map<String, String> query = new TreeMap<>();
        query.put("service", "alipay.acquire.overseas.query");
        query.put("partner", payment.partner);
        query.put("_input_charset", CHARSET.name());
        query.put("partner_trans_id", transId);
        Answer queried = payment.send(query);
        payment.print(out, queried);

        boolean ok = paid.verified() && queried.verified()
                && "TRADE_SUCCESS".equals(queried.response().get("alipay_trans_status"));
        out.println(ok ? "-> alipay_trans_status TRADE_SUCCESS" : "-> not paid: " + queried.response());
        return ok ? 0 : 1;
    }

    /** The demo partner of the stack under --data-dir, signing with --sign-type. */
    static LegacyPayment of(Args args) {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        if (!Files.exists(files.path("stack.json"))) {
            throw new IllegalArgumentException("no local stack under " + files.dir() + "; start it first");
        }
        LegacySignType signType;
        try {
            signType = LegacySignType.valueOf(args.get("sign-type", "MD5").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sign-type is MD5, RSA or RSA2");
        }
        Map<String, Object> stack = files.read(files.path("stack.json"));
        return new LegacyPayment((String) stack.get("gatewayUrl"), (String) stack.get("walletUrl"),
                files.read(files.path("demo-merchant.json")), signType);
    }

    private String paymentCode(String walletUrl, String customer) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(
                        walletUrl + "/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "/payment-code"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (String) LocalFiles.JSON.parseObject(response.body()).get("paymentCode");
    }

    /** Signs the parameters with this command's sign_type and POSTs them as a form. */
    Answer send(Map<String, String> params) throws Exception {
        Map<String, String> signed = LegacySignature.signed(params, signType, CHARSET, md5Key,
                signType == LegacySignType.MD5 ? null : RsaKeys.privateKey((String) demo.get("privateKey")));
        String form = signed.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), CHARSET) + "=" + URLEncoder.encode(e.getValue(), CHARSET))
                .collect(Collectors.joining("&"));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/gateway.do"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form, CHARSET))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("/gateway.do answered HTTP " + response.statusCode());
        }
        return read(response.body());
    }

    /** Reads the answer with the JDK's DOM parser (no DTDs, no external entities) and checks its sign. */
    Answer read(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        String xml = new String(body, CHARSET);
        if (!"T".equals(text(root, "is_success"))) {
            return new Answer(xml, false, Map.of(), null, false);
        }
        Map<String, String> fields = new TreeMap<>();
        Element response = child(root, "response");
        Element alipay = response == null ? null : child(response, "alipay");
        if (alipay != null) {
            for (Node node = alipay.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element field) {
                    fields.put(field.getTagName(), field.getTextContent());
                }
            }
        }
        String answerType = text(root, "sign_type");
        String sign = text(root, "sign");
        // the answer is signed with the request's sign_type (and nothing weaker)
        boolean verified = signType.name().equals(answerType) && LegacySignature.verifies(signType,
                LegacySignature.content(fields), CHARSET,
                new LegacyPartnerKeys(md5Key, RsaKeys.publicKey((String) demo.get("gatewayPublicKey"))), sign);
        return new Answer(xml, true, fields, answerType, verified);
    }

    private void print(PrintStream out, Answer answer) {
        out.println(answer.xml().strip());
        if (!answer.accepted()) {
            out.println("   refused by the gateway (a refusal is not signed)");
        } else if (answer.verified()) {
            out.println("   signature verified (" + answer.signType() + (signType == LegacySignType.MD5
                    ? " with the partner's MD5 key)" : " with gatewayPublicKey)"));
        } else {
            out.println("   signature NOT verified (sign_type " + answer.signType() + ")");
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent();
    }
}
