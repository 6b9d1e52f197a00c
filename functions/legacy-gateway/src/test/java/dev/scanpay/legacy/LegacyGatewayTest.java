package dev.scanpay.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LegacyPartner;
import dev.scanpay.testkit.LegacyPartner.Answer;
import dev.scanpay.testkit.OnBothAdapters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A legacy POS on {@code /gateway.do} (protocol.md §8): the real handler class fed API Gateway events (and the
 * local stack's Netty server), DynamoDB Local and the wallet simulator over loopback, the clock moved by hand.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyGatewayTest {

    static final String PARTNER = "2088000000000001";
    static final String OTHER = "2088000000000002";
    static final String MD5_KEY = "k2w8n4fcb7hd3zq9xq6gq5t1m0r2p7s5";

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private LegacyPartner pos;
    private LegacyPartner other;

    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter, GatewayHarness.legacyMd5Keys(GatewayHarness.LOCAL_OUTBOUND,
                Map.of(PARTNER, MD5_KEY, OTHER, "another-partners-md5-key-0000000")));
        pos = gateway.legacyPartner(PARTNER, MD5_KEY);
        other = gateway.legacyPartner(OTHER, "another-partners-md5-key-0000000");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gateway.close();
    }

    private static Map<String, String> spotPay(String transId, String amount, String currency, String code) {
        Map<String, String> params = new HashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.pay");
        params.put("alipay_seller_id", PARTNER);
        params.put("partner_trans_id", transId);
        params.put("trans_name", "Flat white + croissant");
        params.put("currency", currency);
        params.put("trans_amount", amount);
        params.put("buyer_identity_code", code);
        params.put("identity_code_type", "barcode");
        params.put("trans_create_time", "20261123100000");
        params.put("biz_product", "OVERSEAS_MBARCODE_PAY");
        params.put("quantity", "1");
        params.put("extend_info", "{\"secondary_merchant_name\":\"Harbour Cafe\",\"store_id\":\"S1\"}");
        return params;
    }

    private static Map<String, String> query(String transId) {
        return Map.of("service", "alipay.acquire.overseas.query", "partner_trans_id", transId);
    }

    private Map<String, String> cancel(String transId) {
        return Map.of("service", "alipay.acquire.cancel", "out_trade_no", transId,
                "timestamp", String.valueOf(gateway.now().toEpochMilli()));
    }

    private static Map<String, String> refund(String transId, String refundId, String amount) {
        return Map.of("service", "alipay.acquire.overseas.spot.refund", "partner_trans_id", transId,
                "partner_refund_id", refundId, "refund_amount", amount, "currency", "USD",
                "refund_reson", "customer changed their mind");
    }

    static void assertAccepted(Answer answer) {
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).startsWith("text/xml");
        assertThat(answer.text()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(answer.isSuccess()).as(answer.text()).isEqualTo("T");
        assertThat(answer.signatureVerifies()).as("answer signature").isTrue();
    }

    static void assertRefused(Answer answer, String error) {
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.isSuccess()).as(answer.text()).isEqualTo("F");
        assertThat(answer.error()).isEqualTo(error);
    }

    // ------------------------------------------------------------------ spot.pay

    @Test
    void spotPayWithMd5OverGet() {
        String code = gateway.wallet.issuePaymentCode("alice");
        long before = gateway.wallet.balance("alice", "USD");

        Answer answer = pos.get(LegacySignType.MD5, spotPay("LT-1", "12.34", "USD", code));

        assertAccepted(answer);
        assertThat(answer.signType()).isEqualTo("MD5");
        assertThat(answer.get("result_code")).isEqualTo("SUCCESS");
        assertThat(answer.get("partner_trans_id")).isEqualTo("LT-1");
        assertThat(answer.get("trans_amount")).isEqualTo("12.34");
        assertThat(answer.get("currency")).isEqualTo("USD");
        assertThat(answer.get("alipay_pay_time")).matches("\\d{14}");
        assertThat(answer.get("alipay_buyer_user_id")).isNotBlank();
        assertThat(java.util.List.copyOf(answer.response().keySet())).as("ascending, as some clients verify in document order").isSorted();
        assertThat(answer.request()).containsEntry("partner_trans_id", "LT-1");
        assertThat(gateway.wallet.balance("alice", "USD")).isEqualTo(before - 1234);
        assertThat(gateway.payment(answer.get("alipay_trans_id")).status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void spotPayWithRsa2PostedAsAlipaysDemo() {
        String code = gateway.wallet.issuePaymentCode("bea");
        long before = gateway.wallet.balance("bea", "JPY");

        Answer answer = pos.postAsDemo(LegacySignType.RSA2, spotPay("LT-2", "880.00", "JPY", code));

        assertAccepted(answer);
        assertThat(answer.signType()).isEqualTo("RSA2");
        assertThat(answer.get("result_code")).isEqualTo("SUCCESS");
        assertThat(answer.get("trans_amount")).isEqualTo("880");
        assertThat(gateway.wallet.balance("bea", "JPY")).isEqualTo(before - 880);
    }

    @Test
    void spotPayWithRsaOverGetAndMd5PostedAsAlipaysDemo() {
        Answer rsa = pos.get(LegacySignType.RSA, spotPay("LT-3a", "1.00", "USD", gateway.wallet.issuePaymentCode("cal")));
        Answer md5 = pos.postAsDemo(LegacySignType.MD5, spotPay("LT-3b", "2.00", "USD", gateway.wallet.issuePaymentCode("cal")));

        assertAccepted(rsa);
        assertThat(rsa.get("result_code")).isEqualTo("SUCCESS");
        assertAccepted(md5);
        assertThat(md5.get("result_code")).isEqualTo("SUCCESS");
    }

    @Test
    void aDeclineIsFailedWithTheWalletsReason() {
        String code = gateway.wallet.issuePaymentCode("dan");
        gateway.wallet.configureCustomer("dan", CustomerSettings.builder().balance("USD", 100).build());

        Answer answer = pos.get(LegacySignType.MD5, spotPay("LT-4", "50.00", "USD", code));

        assertAccepted(answer);
        assertThat(answer.get("result_code")).isEqualTo("FAILED");
        assertThat(answer.get("error")).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(pos.get(LegacySignType.MD5, query("LT-4")).get("alipay_trans_status")).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void aRepeatReturnsTheFirstAnswerAndChargesOnce() {
        String code = gateway.wallet.issuePaymentCode("eve");
        long before = gateway.wallet.balance("eve", "USD");

        Answer first = pos.get(LegacySignType.MD5, spotPay("LT-5", "3.00", "USD", code));
        Answer again = pos.get(LegacySignType.RSA2, spotPay("LT-5", "3.00", "USD", code));

        assertAccepted(again);
        assertThat(again.get("result_code")).isEqualTo("SUCCESS");
        assertThat(again.get("alipay_trans_id")).isEqualTo(first.get("alipay_trans_id"));
        assertThat(gateway.wallet.balance("eve", "USD")).isEqualTo(before - 300);
    }

    @Test
    void anInconsistentRepeatIsRefusedAndChargesNothing() {
        String code = gateway.wallet.issuePaymentCode("fay");
        long before = gateway.wallet.balance("fay", "USD");
        pos.get(LegacySignType.MD5, spotPay("LT-6", "3.00", "USD", code));

        Answer answer = pos.get(LegacySignType.MD5, spotPay("LT-6", "4.00", "USD", code));

        assertRefused(answer, "INVALID_PARAMETER");
        assertThat(gateway.wallet.balance("fay", "USD")).isEqualTo(before - 300);
    }

    @Test
    void fiftyConcurrentIdenticalSpotPaysMakeOnePaymentAndOneCharge() throws Exception {
        String code = gateway.wallet.issuePaymentCode("zed");
        long before = gateway.wallet.balance("zed", "USD");
        Map<String, String> pay = spotPay("LT-50", "2.50", "USD", code);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return pos.get(LegacySignType.MD5, pay);
                }));
            }
            go.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var future : answers) {
                Answer answer = future.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertAccepted(answer);
                assertThat(answer.get("result_code")).isIn("SUCCESS", "UNKNOW");
                ids.add(answer.get("alipay_trans_id"));
            }
            assertThat(ids).as("one payment").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(pos.get(LegacySignType.MD5, query("LT-50")).get("alipay_trans_status")).isEqualTo("TRADE_SUCCESS");
        assertThat(gateway.wallet.balance("zed", "USD")).as("one charge").isEqualTo(before - 250);
    }

    // ------------------------------------------------------------------ query

    @Test
    void queryByEitherIdAndOnlyTheOwnPartners() {
        Answer paid = pos.get(LegacySignType.MD5, spotPay("LT-7", "5.00", "USD", gateway.wallet.issuePaymentCode("gus")));

        Answer byTransId = pos.get(LegacySignType.MD5, query("LT-7"));
        Answer byAlipayId = pos.get(LegacySignType.RSA2, Map.of("service", "alipay.acquire.overseas.query",
                "alipay_trans_id", paid.get("alipay_trans_id")));
        Answer byAnother = other.get(LegacySignType.MD5, query("LT-7"));

        assertAccepted(byTransId);
        assertThat(byTransId.get("result_code")).isEqualTo("SUCCESS");
        assertThat(byTransId.get("alipay_trans_status")).isEqualTo("TRADE_SUCCESS");
        assertThat(byTransId.get("trans_amount")).isEqualTo("5.00");
        assertThat(byAlipayId.get("partner_trans_id")).isEqualTo("LT-7");
        assertAccepted(byAnother);
        assertThat(byAnother.get("result_code")).isEqualTo("FAIL");
        assertThat(byAnother.get("error")).isEqualTo("TRANS_NOT_FOUND");
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelOfAnUnpaidTransactionClosesIt() {
        String code = gateway.wallet.issuePaymentCode("hal");
        gateway.wallet.configureCustomer("hal", CustomerSettings.behaviour(Behaviour.IN_PROCESS));
        Answer pay = pos.get(LegacySignType.MD5, spotPay("LT-8", "6.00", "USD", code));
        assertThat(pay.get("result_code")).isEqualTo("UNKNOW");
        assertThat(pos.get(LegacySignType.MD5, query("LT-8")).get("alipay_trans_status")).isEqualTo("WAIT_BUYER_PAY");

        Answer cancel = pos.get(LegacySignType.MD5, cancel("LT-8"));

        assertAccepted(cancel);
        assertThat(cancel.get("result_code")).isIn("SUCCESS", "UNKNOWN");
        assertThat(cancel.get("retry_flag")).isEqualTo(cancel.get("result_code").equals("SUCCESS") ? "N" : "Y");
        assertThat(cancel.get("out_trade_no")).isEqualTo("LT-8");
        assertThat(pos.get(LegacySignType.MD5, query("LT-8")).get("alipay_trans_status")).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void cancelOfAPaidTransactionGivesTheMoneyBack() {
        String code = gateway.wallet.issuePaymentCode("ida");
        long before = gateway.wallet.balance("ida", "USD");
        pos.get(LegacySignType.MD5, spotPay("LT-9", "7.00", "USD", code));

        Answer cancel = pos.get(LegacySignType.RSA2, cancel("LT-9"));

        assertAccepted(cancel);
        assertThat(cancel.get("result_code")).isEqualTo("SUCCESS");
        assertThat(cancel.get("retry_flag")).isEqualTo("N");
        assertThat(gateway.wallet.balance("ida", "USD")).isEqualTo(before);
        assertThat(pos.get(LegacySignType.MD5, query("LT-9")).get("alipay_trans_status")).isEqualTo("TRADE_CLOSED");
        assertThat(ledgerOf("LT-9")).as("the money moved, in the ledger").containsExactlyInAnyOrder("PAYMENT 700", "CANCEL -700");
    }

    @Test
    void cancelOutsideTheWindowIsRefusedWithoutRetry() {
        String code = gateway.wallet.issuePaymentCode("jon");
        long before = gateway.wallet.balance("jon", "USD");
        pos.get(LegacySignType.MD5, spotPay("LT-10", "8.00", "USD", code));
        // the harness starts at 10:00 GMT+8; the window closes at 00:15 GMT+8 the next day
        gateway.clock.advance(Duration.ofHours(14).plusMinutes(16));
        try {
            Answer cancel = pos.get(LegacySignType.MD5, cancel("LT-10"));

            assertAccepted(cancel);
            assertThat(cancel.get("result_code")).isEqualTo("FAIL");
            assertThat(cancel.get("retry_flag")).isEqualTo("N");
            assertThat(cancel.get("detail_error_code")).isEqualTo("TRADE_STATUS_ERROR");
            assertThat(gateway.wallet.balance("jon", "USD")).isEqualTo(before - 800);
        } finally {
            gateway.clock.advance(Duration.ofHours(-14).minusMinutes(16));
        }
    }

    // ------------------------------------------------------------------ refund

    @Test
    void refundsPartialThenFullAndNeverMoreThanPaid() {
        String code = gateway.wallet.issuePaymentCode("kim");
        long before = gateway.wallet.balance("kim", "USD");
        pos.get(LegacySignType.MD5, spotPay("LT-11", "10.00", "USD", code));

        Answer part = pos.get(LegacySignType.MD5, refund("LT-11", "LR-11a", "3.00"));
        Answer partAgain = pos.get(LegacySignType.MD5, refund("LT-11", "LR-11a", "3.00"));
        Answer rest = pos.postAsDemo(LegacySignType.RSA2, refund("LT-11", "LR-11b", "7.00"));
        Answer over = pos.get(LegacySignType.MD5, refund("LT-11", "LR-11c", "0.01"));
        Answer inconsistent = pos.get(LegacySignType.MD5, refund("LT-11", "LR-11a", "2.00"));

        assertAccepted(part);
        assertThat(part.get("result_code")).isEqualTo("SUCCESS");
        assertThat(part.get("refund_amount")).isEqualTo("3.00");
        assertThat(part.get("partner_refund_id")).isEqualTo("LR-11a");
        assertThat(partAgain.get("result_code")).isEqualTo("SUCCESS");
        assertAccepted(rest);
        assertThat(rest.get("result_code")).isEqualTo("SUCCESS");
        assertAccepted(over);
        assertThat(over.get("result_code")).isEqualTo("FAIL");
        assertThat(over.get("error")).isEqualTo("REQUEST_AMOUNT_EXCEED");
        assertRefused(inconsistent, "INVALID_PARAMETER");
        assertThat(gateway.wallet.balance("kim", "USD")).isEqualTo(before);
        assertThat(ledgerOf("LT-11")).as("the money moved, in the ledger")
                .containsExactlyInAnyOrder("PAYMENT 1000", "REFUND -300", "REFUND -700");
    }

    /** The ledger entries of the partner's transaction today, as "transactionType signedMinor". */
    private java.util.List<String> ledgerOf(String transId) {
        java.util.List<String> entries = new java.util.ArrayList<>();
        new dev.scanpay.core.store.LedgerStore(gateway.dynamoClient, gateway.table).forEachOfClient(PARTNER,
                dev.scanpay.core.model.ledger.BusinessDay.ALIPAY.of(gateway.now()), e -> {
                    if (transId.equals(e.paymentRequestId())) {
                        entries.add(e.type().transactionType() + " " + e.signedMinor());
                    }
                });
        return entries;
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aBadSignatureIsIllegalSign() {
        Map<String, String> signed = new HashMap<>(pos.signed(LegacySignType.MD5,
                spotPay("LT-12", "1.00", "USD", gateway.wallet.issuePaymentCode("lou"))));
        signed.put("trans_amount", "100.00");

        assertRefused(pos.getRaw(signed), "ILLEGAL_SIGN");
        assertThat(gateway.payments().findByRequest(PARTNER, "LT-12")).isEmpty();
    }

    @Test
    void anUnknownPartnerIsIllegalPartner() {
        LegacyPartner stranger = new LegacyPartner(gateway.transport, "2088999999999999", MD5_KEY, null, null);

        assertRefused(stranger.get(LegacySignType.MD5, query("LT-1")), "ILLEGAL_PARTNER");
    }

    @Test
    void anUnknownServiceIsIllegalExterface() {
        assertRefused(pos.getMalformed(LegacySignType.MD5, Map.of("service", "alipay.acquire.precreate")), "ILLEGAL_EXTERFACE");
    }

    @Test
    void aSignTypeThePartnerHasNoKeyForIsIllegalSignType() {
        Map<String, String> signed = new HashMap<>(pos.signed(LegacySignType.MD5, query("LT-1")));
        signed.put("sign_type", "DSA");

        assertRefused(pos.getRawMalformed(signed), "ILLEGAL_SIGN_TYPE");
    }
}
