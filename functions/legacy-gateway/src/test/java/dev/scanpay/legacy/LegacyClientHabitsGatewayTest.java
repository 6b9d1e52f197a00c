package dev.scanpay.legacy;

import static dev.scanpay.legacy.LegacyGatewayTest.assertAccepted;
import static dev.scanpay.legacy.LegacyGatewayTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.api.legacy.LegacySignature;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LegacyPartner;
import dev.scanpay.testkit.LegacyPartner.Answer;
import dev.scanpay.testkit.OnBothAdapters;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What real legacy clients do (issue 11 item 5), charsets, concurrent partial refunds and {@code is_sync}: through
 * the real handler (and the local stack's server), DynamoDB Local and the wallet simulator over loopback.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyClientHabitsGatewayTest {

    static final String PARTNER = "2088000000000021";
    static final String MD5_KEY = "h4b1t5k2w8n4fcb7hd3zq9xq6gq5t1m0";
    static final String FORM = "application/x-www-form-urlencoded";

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private LegacyPartner pos;

    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter, GatewayHarness.legacyMd5Keys(GatewayHarness.LOCAL_OUTBOUND,
                Map.of(PARTNER, MD5_KEY)));
        pos = gateway.legacyPartner(PARTNER, MD5_KEY);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    /** A simulated customer's balance (the customer is created by its first code). */
    private long balance(String customer, String currency) {
        gateway.wallet.issuePaymentCode(customer);
        return gateway.wallet.balance(customer, currency);
    }

    private Map<String, String> spotPay(String transId, String amount, String currency, String customer) {
        Map<String, String> params = new HashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.pay");
        params.put("partner_trans_id", transId);
        params.put("trans_name", "Flat white");
        params.put("currency", currency);
        params.put("trans_amount", amount);
        params.put("buyer_identity_code", gateway.wallet.issuePaymentCode(customer));
        return params;
    }

    private static Map<String, String> refund(String transId, String refundId, String amount) {
        Map<String, String> params = new HashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.refund");
        params.put("partner_trans_id", transId);
        params.put("partner_refund_id", refundId);
        params.put("refund_amount", amount);
        params.put("currency", "USD");
        return params;
    }

    static Map<String, String> refund(String transId, String refundId, String amount, String isSync) {
        Map<String, String> params = refund(transId, refundId, amount);
        params.put("is_sync", isSync);
        return params;
    }

    /** The form as a client in {@code charset} encodes it (URLEncoder: a space is {@code +}). */
    private static String form(Map<String, String> params, Charset charset) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), charset) + "=" + URLEncoder.encode(e.getValue(), charset))
                .collect(Collectors.joining("&"));
    }

    /** Accepted and signed, whatever the answer's charset (the GBK answers' declaration names GBK). */
    private static void assertAcceptedInAnyCharset(Answer answer) {
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.isSuccess()).as(answer.text()).isEqualTo("T");
        assertThat(answer.signatureVerifies()).as("answer signature").isTrue();
    }

    // ------------------------------------------------------------------ charsets

    @Test
    void lowerCaseInputCharsetInTheQueryAndTheBodyWithTheDemosContentType() {
        Map<String, String> params = spotPay("LH-1", "1.00", "USD", "ann");
        params.put("trans_name", "Café crème 咖啡");
        params.put("_input_charset", "utf-8");
        String body = form(pos.signed(LegacySignType.MD5, params), Charset.forName("UTF-8"));

        Answer answer = pos.send("POST", LegacyPartner.PATH + "?_input_charset=utf-8",
                Map.of("Content-Type", LegacyPartner.DEMO_CONTENT_TYPE), body);

        assertAccepted(answer);
        assertThat(answer.get("result_code")).isEqualTo("SUCCESS");
        assertThat(answer.request()).containsEntry("trans_name", "Café crème 咖啡");
    }

    @Test
    void gbkInTheQueryAndTheBodySignedOverGbkBytes() {
        Charset gbk = Charset.forName("GBK");
        Map<String, String> params = new TreeMap<>(spotPay("LH-2", "2.00", "USD", "ann"));
        params.put("trans_name", "咖啡 两杯");
        params.put("partner", PARTNER);
        params.put("_input_charset", "gbk");
        Map<String, String> signed = LegacySignature.signed(params, LegacySignType.MD5, gbk, MD5_KEY, null);

        Answer answer = pos.send("POST", LegacyPartner.PATH + "?_input_charset=gbk", Map.of("Content-Type", FORM),
                form(signed, gbk));

        assertAcceptedInAnyCharset(answer);
        assertThat(answer.contentType).containsIgnoringCase("GBK");
        assertThat(answer.request()).containsEntry("trans_name", "咖啡 两杯");
        assertThat(answer.get("result_code")).isEqualTo("SUCCESS");
    }

    @Test
    void aGetWithGbkNamedInLowerCase() {
        Charset gbk = Charset.forName("GBK");
        Map<String, String> params = new TreeMap<>(Map.of("service", "alipay.acquire.overseas.query",
                "partner_trans_id", "LH-2", "partner", PARTNER, "_input_charset", "gbk", "memo", "查询"));

        Answer answer = pos.send("GET", LegacyPartner.PATH + "?" + form(
                LegacySignature.signed(params, LegacySignType.MD5, gbk, MD5_KEY, null), gbk), Map.of(), null);

        assertAcceptedInAnyCharset(answer);
        assertThat(answer.request()).containsEntry("memo", "查询");
    }

    // ------------------------------------------------------------------ client habits

    @Test
    void aPostWithNoUrlQuery() {
        Answer answer = pos.send("POST", LegacyPartner.PATH, Map.of("Content-Type", FORM),
                LegacyPartner.form(pos.signed(LegacySignType.RSA2, spotPay("LH-3", "3.00", "USD", "ann"))));

        assertAccepted(answer);
        assertThat(answer.get("result_code")).isEqualTo("SUCCESS");
    }

    @Test
    void aPlusInAFormValueIsASpaceAndTheSignatureIsOverTheDecodedValue() {
        Map<String, String> signed = pos.signed(LegacySignType.MD5, spotPay("LH-4", "4.00", "USD", "ann"));
        assertThat(signed.get("trans_name")).isEqualTo("Flat white");
        // written by hand: the space as '+', the rest percent-encoded
        String query = signed.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().equals("trans_name") ? "Flat+white"
                        : URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));

        Answer answer = pos.send("GET", LegacyPartner.PATH + "?" + query, Map.of(), null);

        assertAccepted(answer);
        assertThat(answer.request()).containsEntry("trans_name", "Flat white");
    }

    @Test
    void unknownExtraParametersAreAcceptedAndSigned() {
        pos.get(LegacySignType.MD5, spotPay("LH-5", "5.00", "USD", "ann"));
        Map<String, String> misspelt = refund("LH-5", "LHR-5", "1.00");
        misspelt.put("refund_reson", "customer changed their mind");

        Answer signedExtra = pos.get(LegacySignType.MD5, misspelt);
        Map<String, String> addedAfterSigning = new HashMap<>(pos.signed(LegacySignType.MD5, refund("LH-5", "LHR-5b", "1.00")));
        addedAfterSigning.put("refund_reson", "not signed");

        assertAccepted(signedExtra);
        assertThat(signedExtra.get("result_code")).isEqualTo("SUCCESS");
        assertRefused(pos.getRaw(addedAfterSigning), "ILLEGAL_SIGN");
        assertThat(gateway.refunds().findByRequest(PARTNER, "LHR-5b")).isEmpty();
    }

    @Test
    void aCancelWithoutTimestampIsRefusedAsSection85RequiresAndChangesNothing() {
        long before = balance("ann", "USD");
        pos.get(LegacySignType.MD5, spotPay("LH-6", "6.00", "USD", "ann"));

        Answer cancel = pos.getMalformed(LegacySignType.MD5, Map.of("service", "alipay.acquire.cancel", "out_trade_no", "LH-6"));

        assertRefused(cancel, "ILLEGAL_ARGUMENT");
        assertThat(gateway.wallet.balance("ann", "USD")).isEqualTo(before - 600);
        assertThat(pos.get(LegacySignType.MD5, Map.of("service", "alipay.acquire.overseas.query", "partner_trans_id", "LH-6"))
                .get("alipay_trans_status")).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void jpyWithTrailingZerosIsAcceptedAndWithAFractionRefused() {
        long before = balance("ann", "JPY");

        Answer twoDecimals = pos.get(LegacySignType.MD5, spotPay("LH-7", "880.00", "JPY", "ann"));
        Answer fraction = pos.get(LegacySignType.MD5, spotPay("LH-8", "880.5", "JPY", "ann"));

        assertAccepted(twoDecimals);
        assertThat(twoDecimals.get("trans_amount")).isEqualTo("880");
        assertRefused(fraction, "ILLEGAL_ARGUMENT");
        assertThat(gateway.payments().findByRequest(PARTNER, "LH-8")).isEmpty();
        assertThat(gateway.wallet.balance("ann", "JPY")).isEqualTo(before - 880);
    }

    // ------------------------------------------------------------------ refunds

    @Test
    void aHundredConcurrentPartialRefundsNeverExceedWhatWasPaid() throws Exception {
        long before = balance("ben", "USD");
        String paymentId = pos.get(LegacySignType.MD5, spotPay("LH-100", "10.00", "USD", "ben")).get("alipay_trans_id");
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Answer> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> running = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Map<String, String> refund = refund("LH-100", "LHR-100-" + i, "0.15");
                running.add(pool.submit(() -> {
                    go.await();
                    return pos.get(LegacySignType.MD5, refund);
                }));
            }
            go.countDown();
            for (Future<Answer> future : running) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // refunds the wallet had not answered in time are followed up to their verdict
        gateway.clock.advance(Duration.ofMinutes(5));
        gateway.sweep();

        for (Answer answer : answers) {
            assertAccepted(answer);
            assertThat(answer.get("result_code")).isIn("SUCCESS", "FAIL", "UNKNOWN");
            if ("FAIL".equals(answer.get("result_code"))) {
                assertThat(answer.get("error")).isEqualTo("REQUEST_AMOUNT_EXCEED");
            }
        }
        List<Refund> refunds = gateway.refunds().byPayment(paymentId);
        long refunded = refunds.stream().filter(r -> r.status() == RefundStatus.SUCCESS).mapToLong(r -> r.amount().minor()).sum();
        assertThat(refunded).as("never more than was paid").isLessThanOrEqualTo(1000);
        assertThat(refunds).as("every refund reserved reaches its verdict").allMatch(r -> r.status().isFinal());
        assertThat(answers.stream().filter(a -> "SUCCESS".equals(a.get("result_code"))).count() * 15)
                .isLessThanOrEqualTo(refunded);
        assertThat(gateway.payment(paymentId).refundedMinor()).isEqualTo(refunded);
        assertThat(gateway.wallet.balance("ben", "USD")).isEqualTo(before - 1000 + refunded);
        // 66 x 0.15 fit in 10.00 and the simulator refuses none: exactly those, the other 34 refused cleanly
        assertThat(refunded).isEqualTo(990);
        assertThat(refunds.stream().filter(r -> r.status() == RefundStatus.SUCCESS)).hasSize(66);
        assertThat(answers.stream().filter(a -> "FAIL".equals(a.get("result_code")))).hasSize(34);
    }

    @Test
    void isSyncNIsAcceptedAtOnceAndFollowedUpWhileYWaitsForTheVerdict() {
        long before = balance("cat", "USD");
        pos.get(LegacySignType.MD5, spotPay("LH-9", "9.00", "USD", "cat"));
        Map<String, String> async = refund("LH-9", "LHR-9a", "2.00", "N");
        Map<String, String> sync = refund("LH-9", "LHR-9b", "3.00", "Y");
        Map<String, String> neither = refund("LH-9", "LHR-9c", "1.00", "maybe");

        Answer accepted = pos.get(LegacySignType.MD5, async);

        assertAccepted(accepted);
        assertThat(accepted.get("result_code")).as("no verdict yet").isEqualTo("UNKNOWN");
        assertThat(accepted.get("partner_refund_id")).isEqualTo("LHR-9a");
        assertThat(gateway.wallet.balance("cat", "USD")).as("not sent to the wallet yet").isEqualTo(before - 900);
        assertThat(gateway.refunds().findByRequest(PARTNER, "LHR-9a").orElseThrow().status()).isEqualTo(RefundStatus.PROCESSING);

        gateway.sweep();

        assertThat(gateway.refunds().findByRequest(PARTNER, "LHR-9a").orElseThrow().status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(gateway.wallet.balance("cat", "USD")).isEqualTo(before - 700);
        assertThat(pos.get(LegacySignType.MD5, async).get("result_code")).as("a repeat gives the verdict").isEqualTo("SUCCESS");
        Answer waited = pos.get(LegacySignType.MD5, sync);
        assertAccepted(waited);
        assertThat(waited.get("result_code")).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("cat", "USD")).isEqualTo(before - 400);
        assertRefused(pos.get(LegacySignType.MD5, neither), "ILLEGAL_ARGUMENT");
        assertThat(gateway.refunds().findByRequest(PARTNER, "LHR-9c")).isEmpty();
    }

    @Test
    void anAsyncRefundIsSentByARepeatWhenTheSweeperHasNotRunYet() {
        long before = balance("dee", "USD");
        pos.get(LegacySignType.MD5, spotPay("LH-10", "4.00", "USD", "dee"));
        Map<String, String> async = refund("LH-10", "LHR-10", "4.00", "N");

        assertThat(pos.get(LegacySignType.MD5, async).get("result_code")).isEqualTo("UNKNOWN");
        Answer repeat = pos.get(LegacySignType.MD5, async);

        assertThat(repeat.get("result_code")).isEqualTo("SUCCESS");
        assertThat(gateway.wallet.balance("dee", "USD")).isEqualTo(before);
    }
}
