package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What real legacy clients do (issue 11 item 5), each taken from the wire to the answer through this module:
 * parse, service, signature, amount, XML.
 */
class LegacyClientHabitsTest {

    private static final String PARTNER = "2088101122136241";
    private static final String MD5_KEY = "habits-md5-key-abcdefghijklmnop";
    private static final LegacyPartnerKeys KEYS = LegacyPartnerKeys.md5(MD5_KEY);
    private static final String DEMO_CONTENT_TYPE = "application/x-www-form-urlencoded; text/html; charset=UTF-8";

    private final LegacyRequestParser parser = new LegacyRequestParser();

    /** The MAPI demo's way: sort, join, MD5 with the key appended, then URL-encode each decoded value. */
    private static String signedForm(Map<String, String> params, Charset charset) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("sign", LegacySignature.md5Sign(LegacySignature.content(params), MD5_KEY, charset));
        all.put("sign_type", "MD5");
        return all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), charset) + "=" + URLEncoder.encode(e.getValue(), charset))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> spotPay(String amount, String currency) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.pay");
        params.put("partner", PARTNER);
        params.put("_input_charset", "UTF-8");
        params.put("alipay_seller_id", PARTNER);
        params.put("quantity", "1");
        params.put("trans_name", "Flat white + croissant");
        params.put("partner_trans_id", "POS-0001");
        params.put("currency", currency);
        params.put("trans_amount", amount);
        params.put("buyer_identity_code", "281234567890123456");
        params.put("identity_code_type", "barcode");
        params.put("trans_create_time", "20260310120000");
        params.put("biz_product", "OVERSEAS_MBARCODE_PAY");
        params.put("extend_info", "{\"secondary_merchant_name\":\"Caf\u00e9\",\"store_id\":\"S1\"}");
        return params;
    }

    /** The gateway's side, as far as this module goes: the request's service, verified, and its amount. */
    private static LegacyService accept(LegacyRequest request) {
        LegacyService service = LegacyService.of(request.asMap());
        LegacyPartnerId.parse(request.get("partner"));
        if (service.signed()) {
            LegacySignature.verify(request.asMap(), request.charset(), KEYS);
        }
        return service;
    }

    @Test
    void mostSendGet() {
        LegacyRequest request = parser.parse("GET", signedForm(spotPay("12.34", "USD"), StandardCharsets.UTF_8),
                null, null);
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_PAY);
        assertThat(LegacyAmount.parse("trans_amount", request.get("trans_amount"), request.get("currency")))
                .isEqualTo(Money.of(1234, "USD"));
    }

    @Test
    void theDemoPostsToAQueryWithTheCharsetAndSendsItsOwnContentType() {
        LegacyRequest request = parser.parse("POST", "_input_charset=UTF-8", DEMO_CONTENT_TYPE,
                signedForm(spotPay("12.34", "USD"), StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_PAY);
    }

    @Test
    void othersPostWithNoUrlQuery() {
        LegacyRequest request = parser.parse("POST", null, "application/x-www-form-urlencoded",
                signedForm(spotPay("12.34", "USD"), StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_PAY);
    }

    @Test
    void aPlusInAFormValueIsASpaceAndTheSignatureIsOverTheDecodedValue() {
        Map<String, String> params = spotPay("12.34", "USD");
        params.put("trans_name", "Flat white");
        // signed over "Flat white", sent as "Flat+white" by URLEncoder
        String form = signedForm(params, StandardCharsets.UTF_8);
        assertThat(form).contains("trans_name=Flat+white");
        LegacyRequest request = parser.parse("POST", null, DEMO_CONTENT_TYPE, form.getBytes(StandardCharsets.US_ASCII));
        assertThat(request.get("trans_name")).isEqualTo("Flat white");
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_PAY);
        // and a literal plus, sent as %2B, is a plus in the value and in the content signed
        assertThat(parser.parse("POST", null, DEMO_CONTENT_TYPE,
                signedForm(spotPay("12.34", "USD"), StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII))
                .get("trans_name")).isEqualTo("Flat white + croissant");
    }

    @Test
    void theCharsetMayBeLowerCase() {
        Map<String, String> params = spotPay("12.34", "USD");
        params.put("_input_charset", "utf-8");
        LegacyRequest request = parser.parse("POST", "_input_charset=utf-8", DEMO_CONTENT_TYPE,
                signedForm(params, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_PAY);
        assertThat(request.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void theMisspeltRefundResonIsAcceptedAndSigned() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.refund");
        params.put("partner", PARTNER);
        params.put("_input_charset", "UTF-8");
        params.put("partner_trans_id", "POS-0001");
        params.put("partner_refund_id", "POS-0001-R1");
        params.put("refund_amount", "880.00");
        params.put("currency", "JPY");
        params.put("refund_reson", "customer changed mind");
        String form = signedForm(params, StandardCharsets.UTF_8);
        LegacyRequest request = parser.parse("POST", null, DEMO_CONTENT_TYPE, form.getBytes(StandardCharsets.US_ASCII));
        assertThat(accept(request)).isEqualTo(LegacyService.SPOT_REFUND);
        assertThat(request.get("refund_reson")).isEqualTo("customer changed mind");
        assertThat(LegacyAmount.parse("refund_amount", request.get("refund_amount"), request.get("currency")))
                .isEqualTo(Money.of(880, "JPY"));
        // it is in the content signed: changed on the way, the signature no longer holds
        String tampered = form.replace("customer+changed+mind", "customer+changed+minds");
        assertThat(tampered).isNotEqualTo(form);
        assertThatThrownBy(() -> accept(parser.parse("POST", null, DEMO_CONTENT_TYPE,
                tampered.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOfSatisfying(LegacyRefusal.class, e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_SIGN));
    }

    @Test
    void aCancelWithoutTimestampIsRefusedAsTheProtocolRequiresIt() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "alipay.acquire.cancel");
        params.put("partner", PARTNER);
        params.put("_input_charset", "UTF-8");
        params.put("out_trade_no", "POS-0001");
        LegacyRequest request = parser.parse("GET", signedForm(params, StandardCharsets.UTF_8), null, null);
        assertThatThrownBy(() -> accept(request))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT))
                .hasMessageContaining("timestamp");
    }

    @Test
    void twoDecimalsOnEveryAmountIncludingYen() {
        LegacyRequest request = parser.parse("GET", signedForm(spotPay("880.00", "JPY"), StandardCharsets.UTF_8),
                null, null);
        accept(request);
        assertThat(LegacyAmount.parse("trans_amount", request.get("trans_amount"), "JPY")).isEqualTo(Money.of(880, "JPY"));
        assertThatThrownBy(() -> LegacyAmount.parse("trans_amount", "880.50", "JPY"))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_ARGUMENT));
    }

    @Test
    void theAnswerNamesTheCharsetAndListsTheResponseInAscendingOrder() {
        LegacyRequest request = parser.parse("GET", signedForm(spotPay("880.00", "JPY"), StandardCharsets.UTF_8),
                null, null);
        accept(request);
        Map<String, String> response = new LinkedHashMap<>();
        response.put("result_code", LegacyResultCode.UNKNOWN.wireValue(LegacyService.SPOT_PAY));
        response.put("partner_trans_id", request.get("partner_trans_id"));
        response.put("trans_amount", LegacyAmount.format(Money.of(880, "JPY")));
        response.put("currency", "JPY");
        String xml = new String(LegacyAnswer.accepted(request.asMap(), response)
                .render(request.charset(), LegacyAnswerSigner.md5(MD5_KEY)), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<response><alipay><currency>JPY</currency><partner_trans_id>POS-0001</partner_trans_id>"
                        + "<result_code>UNKNOW</result_code><trans_amount>880</trans_amount></alipay></response>");
    }

    @Test
    void notifyVerifyComesUnsigned() {
        LegacyRequest request = parser.parse("GET",
                "service=notify_verify&partner=" + PARTNER + "&notify_id=RqPnCoPT3K9%2Fvwbh3InUk", null, null);
        assertThat(accept(request)).isEqualTo(LegacyService.NOTIFY_VERIFY);
        assertThat(request.get("notify_id")).isEqualTo("RqPnCoPT3K9/vwbh3InUk");
        assertThat(LegacyService.NOTIFY_VERIFY.signed()).isFalse();
        assertThat(LegacyService.SPOT_PAY.signed()).isTrue();
    }
}
