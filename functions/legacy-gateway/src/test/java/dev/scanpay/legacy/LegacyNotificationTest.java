package dev.scanpay.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LegacyPartner;
import dev.scanpay.testkit.LegacyPartner.Answer;
import dev.scanpay.testkit.LegacyReceiver;
import dev.scanpay.testkit.LegacyReceiver.Mode;
import dev.scanpay.testkit.LegacyReceiver.Received;
import dev.scanpay.testkit.OnBothAdapters;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Legacy asynchronous notifications (issue 11 item 4, protocol.md §8.2): a spot.pay's result posted to its
 * notify_url as a signed form, through the same outbox, schedule and machine as AMS notifications, until the partner
 * answers {@code success}; and notify_verify. The real handler, DynamoDB Local, the simulator over loopback, the
 * partner's endpoint on loopback; the clock moved, never slept.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyNotificationTest {

    static final String PARTNER = "2088000000000011";
    static final String OTHER = "2088000000000012";
    static final String MD5_KEY = "n0t1fy8k2w8n4fcb7hd3zq9xq6gq5t1m";
    static final String OTHER_KEY = "another-partners-md5-key-1111111";

    @Parameter
    Adapter adapter;

    private GatewayHarness gateway;
    private LegacyReceiver receiver;
    private LegacyPartner pos;
    private LegacyPartner other;
    private NotificationStore notifications;

    @BeforeParameterizedClassInvocation
    void start() {
        gateway = new GatewayHarness(adapter, GatewayHarness.legacyMd5Keys(GatewayHarness.LOCAL_OUTBOUND,
                Map.of(PARTNER, MD5_KEY, OTHER, OTHER_KEY)));
        receiver = new LegacyReceiver(gateway.clock, MD5_KEY, gateway.gatewayKeys.getPublic());
        pos = gateway.legacyPartner(PARTNER, MD5_KEY, List.of(receiver.prefix()));
        other = gateway.legacyPartner(OTHER, OTHER_KEY, List.of(receiver.prefix()));
        notifications = gateway.context.getBean(NotificationStore.class);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        receiver.close();
        gateway.close();
    }

    @BeforeEach
    void reset() {
        receiver.answer(Mode.SUCCESS);
        receiver.onReceipt(params -> { });
    }

    private Map<String, String> spotPay(String transId, String amount, String customer) {
        Map<String, String> params = new HashMap<>();
        params.put("service", "alipay.acquire.overseas.spot.pay");
        params.put("partner_trans_id", transId);
        params.put("trans_name", "Espresso");
        params.put("currency", "USD");
        params.put("trans_amount", amount);
        params.put("buyer_identity_code", gateway.wallet.issuePaymentCode(customer));
        params.put("notify_url", receiver.url());
        return params;
    }

    private List<Received> receivedFor(String transId) {
        return receiver.received().stream().filter(r -> transId.equals(r.get("partner_trans_id"))).toList();
    }

    private MerchantNotification notificationOf(String paymentId) {
        return notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow();
    }

    private String notifyVerify(LegacyPartner asker, String partner, String notifyId) {
        return asker.getRaw(Map.of("service", "notify_verify", "partner", partner, "notify_id", notifyId)).text();
    }

    @Test
    void anMd5PaymentIsNotifiedAsASignedFormAndVerifiesWhileBeingReceived() {
        AtomicReference<String> verifiedDuringReceipt = new AtomicReference<>();
        receiver.onReceipt(params -> verifiedDuringReceipt.set(notifyVerify(pos, PARTNER, params.get("notify_id"))));
        Answer pay = pos.get(LegacySignType.MD5, spotPay("LN-1", "12.34", "amy"));
        assertThat(pay.get("result_code")).isEqualTo("SUCCESS");
        String paymentId = pay.get("alipay_trans_id");
        assertThat(notificationOf(paymentId).status()).as("written with the result").isEqualTo(NotificationStatus.PENDING);
        assertThat(receivedFor("LN-1")).isEmpty();

        gateway.sweep();
        gateway.sweep();

        assertThat(receivedFor("LN-1")).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).as("MD5 with the partner's key").isTrue();
            assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(r.get("sign_type")).isEqualTo("MD5");
            assertThat(r.get("notify_type")).isEqualTo("trade_status_sync");
            assertThat(r.get("trade_status")).isEqualTo("TRADE_SUCCESS");
            assertThat(r.get("alipay_trans_id")).isEqualTo(paymentId);
            assertThat(r.get("trans_amount")).isEqualTo("12.34");
            assertThat(r.get("currency")).isEqualTo("USD");
            assertThat(r.get("alipay_pay_time")).matches("\\d{14}");
            assertThat(r.get("notify_time")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(r.get("notify_id")).startsWith(MerchantNotices.notificationId(paymentId) + ".");
        });
        assertThat(verifiedDuringReceipt.get()).as("notify_verify while the partner handles it").isEqualTo("true");
        MerchantNotification delivered = notificationOf(paymentId);
        assertThat(delivered.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
    }

    @Test
    void anRsa2PaymentIsNotifiedSignedWithTheGatewaysKey() {
        Answer pay = pos.postAsDemo(LegacySignType.RSA2, spotPay("LN-2", "5.00", "amy"));
        assertThat(pay.get("result_code")).isEqualTo("SUCCESS");

        gateway.sweep();

        assertThat(receivedFor("LN-2")).singleElement().satisfies(r -> {
            assertThat(r.get("sign_type")).isEqualTo("RSA2");
            assertThat(r.signatureValid()).as("SHA256withRSA, the gateway's public key").isTrue();
        });
    }

    @Test
    void aDeclineIsNotifiedAsClosedWithTheReason() {
        gateway.wallet.configureCustomer("bob", CustomerSettings.builder().balance("USD", 100).build());
        Answer pay = pos.get(LegacySignType.RSA, spotPay("LN-3", "50.00", "bob"));
        assertThat(pay.get("result_code")).isEqualTo("FAILED");

        gateway.sweep();

        assertThat(receivedFor("LN-3")).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).as("SHA1withRSA, the gateway's public key").isTrue();
            assertThat(r.get("trade_status")).isEqualTo("TRADE_CLOSED");
            assertThat(r.get("error")).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        });
    }

    @Test
    void aFailingOrNonSuccessAnswerIsRetriedOnTheScheduleAndSuccessStopsIt() {
        receiver.answer(Mode.FAIL_TEXT);
        String paymentId = pos.get(LegacySignType.MD5, spotPay("LN-4", "2.00", "amy")).get("alipay_trans_id");
        gateway.sweep();
        MerchantNotification first = notificationOf(paymentId);
        assertThat(first.lastProblem()).isEqualTo("NOT_ACKNOWLEDGED");
        assertThat(first.nextCheckAt()).isEqualTo(gateway.now().plus(NotificationSchedule.GAPS.get(1)));

        gateway.clock.set(first.nextCheckAt().minusSeconds(1));
        gateway.sweep();
        assertThat(receivedFor("LN-4")).as("nothing before its time").hasSize(1);
        receiver.answer(Mode.DOWN);
        gateway.clock.set(first.nextCheckAt());
        gateway.sweep();
        assertThat(notificationOf(paymentId).lastProblem()).isNotEqualTo("NOT_ACKNOWLEDGED").isNotNull();
        receiver.answer(Mode.SUCCESS);
        gateway.clock.set(notificationOf(paymentId).nextCheckAt());
        gateway.sweep();

        List<Received> received = receivedFor("LN-4");
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        assertThat(received).extracting(r -> r.get("notify_id")).as("one notification").containsOnly(received.get(0).get("notify_id"));
        assertThat(received).extracting(r -> r.get("notify_time")).as("signed afresh at each attempt").doesNotHaveDuplicates();
        assertThat(notificationOf(paymentId).status()).isEqualTo(NotificationStatus.DELIVERED);
        gateway.clock.advance(Duration.ofDays(2));
        gateway.sweep();
        assertThat(receivedFor("LN-4")).as("never sent again once acknowledged").hasSize(3);
    }

    @Test
    void notifyVerifyIsTrueOnlyForTheAskingPartnersOwnSentNotification() {
        String paymentId = pos.get(LegacySignType.MD5, spotPay("LN-5", "1.00", "amy")).get("alipay_trans_id");
        String notificationId = MerchantNotices.notificationId(paymentId);
        gateway.sweep();
        String notifyId = receivedFor("LN-5").get(0).get("notify_id");

        assertThat(notifyVerify(pos, PARTNER, notifyId)).isEqualTo("true");
        assertThat(notifyVerify(other, OTHER, notifyId)).as("another partner's").isEqualTo("false");
        assertThat(notifyVerify(pos, PARTNER, notificationId)).as("without its secret part").isEqualTo("false");
        assertThat(notifyVerify(pos, PARTNER, notificationId + "." + "0".repeat(32))).as("a guessed secret").isEqualTo("false");
        assertThat(notifyVerify(pos, PARTNER, "N2026000000000000000000000000." + "0".repeat(32))).as("unknown").isEqualTo("false");
        assertThat(notifyVerify(pos, "not-a-partner", notifyId)).isEqualTo("false");
    }

    @Test
    void aNotificationNotYetSentDoesNotVerify() {
        String paymentId = pos.get(LegacySignType.MD5, spotPay("LN-6", "1.00", "amy")).get("alipay_trans_id");
        String notifyId = (String) gateway.context.getBean(dev.scanpay.core.json.Json.class)
                .parseObject(notificationOf(paymentId).body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .get("notify_id");

        assertThat(notifyVerify(pos, PARTNER, notifyId)).isEqualTo("false");
        gateway.sweep();
        assertThat(notifyVerify(pos, PARTNER, notifyId)).isEqualTo("true");
    }

    @Test
    void aNotifyUrlOutsideThePartnersPrefixesOrTheDestinationRulesIsRefusedAndNothingIsWritten() {
        Map<String, String> elsewhere = spotPay("LN-7", "1.00", "amy");
        elsewhere.put("notify_url", "http://127.0.0.1:9/elsewhere");
        Map<String, String> metadata = spotPay("LN-8", "1.00", "amy");
        metadata.put("notify_url", "http://169.254.169.254/latest/meta-data/");
        Map<String, String> notHttp = spotPay("LN-9", "1.00", "amy");
        notHttp.put("notify_url", "file:///etc/passwd");
        long before = gateway.wallet.balance("amy", "USD");

        for (Map<String, String> pay : List.of(elsewhere, metadata, notHttp)) {
            Answer answer = pos.get(LegacySignType.MD5, pay);
            assertThat(answer.isSuccess()).as(answer.text()).isEqualTo("F");
            assertThat(answer.error()).isEqualTo("ILLEGAL_ARGUMENT");
            assertThat(gateway.payments().findByRequest(PARTNER, pay.get("partner_trans_id"))).isEmpty();
        }
        assertThat(gateway.wallet.balance("amy", "USD")).isEqualTo(before);
    }

    @Test
    void aSpotPayWithoutNotifyUrlIsNotNotified() {
        Map<String, String> pay = spotPay("LN-10", "1.00", "amy");
        pay.remove("notify_url");
        String paymentId = pos.get(LegacySignType.MD5, pay).get("alipay_trans_id");

        gateway.sweep();

        assertThat(notifications.get(MerchantNotices.notificationId(paymentId))).isEmpty();
        assertThat(receivedFor("LN-10")).isEmpty();
    }
    @Test
    void anUnknownPaymentIsNotifiedOnceTheSweeperHasItsResult() {
        gateway.wallet.configureCustomer("cy", CustomerSettings.builder().behaviour(Behaviour.IN_PROCESS)
                .settleAfter(Duration.ofSeconds(20)).build());
        Answer pay = pos.get(LegacySignType.MD5, spotPay("LN-11", "3.00", "cy"));
        assertThat(pay.get("result_code")).isEqualTo("UNKNOW");
        String paymentId = pay.get("alipay_trans_id");
        assertThat(notifications.get(MerchantNotices.notificationId(paymentId))).as("nothing to say yet").isEmpty();

        gateway.clock.advance(Duration.ofSeconds(30));
        gateway.sweep();
        gateway.sweep();

        assertThat(receivedFor("LN-11")).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.get("trade_status")).isEqualTo("TRADE_SUCCESS");
        });
    }

    @Test
    void aPaymentThePartnerCancelsBeforeDeliveryIsNeverNotifiedAsPaid() {
        String paymentId = pos.get(LegacySignType.MD5, spotPay("LN-12", "4.00", "amy")).get("alipay_trans_id");
        Answer cancel = pos.get(LegacySignType.MD5, Map.of("service", "alipay.acquire.cancel", "out_trade_no", "LN-12",
                "timestamp", String.valueOf(gateway.now().toEpochMilli())));
        assertThat(cancel.get("result_code")).isEqualTo("SUCCESS");

        gateway.sweep();

        assertThat(receivedFor("LN-12")).isEmpty();
        assertThat(notificationOf(paymentId).status()).isEqualTo(NotificationStatus.SUPERSEDED);
    }
    private Map<String, String> refund(String transId, String refundId, String amount, String isSync) {
        Map<String, String> params = LegacyClientHabitsGatewayTest.refund(transId, refundId, amount, isSync);
        params.put("notify_url", receiver.url());
        return params;
    }

    private List<Received> receivedForRefund(String refundId) {
        return receiver.received().stream().filter(r -> refundId.equals(r.get("partner_refund_id"))).toList();
    }

    @Test
    void anAsyncRefundsVerdictIsPostedToItsNotifyUrlAndASyncOnesIsNot() {
        Map<String, String> pay = spotPay("LN-13", "8.00", "amy");
        pay.remove("notify_url");
        String paymentId = pos.get(LegacySignType.MD5, pay).get("alipay_trans_id");

        Answer async = pos.get(LegacySignType.RSA2, refund("LN-13", "LNR-13a", "3.00", "N"));
        Answer sync = pos.get(LegacySignType.MD5, refund("LN-13", "LNR-13b", "2.00", "Y"));
        assertThat(async.get("result_code")).isEqualTo("UNKNOWN");
        assertThat(sync.get("result_code")).isEqualTo("SUCCESS");
        gateway.sweep();
        gateway.sweep();

        assertThat(receivedForRefund("LNR-13a")).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).as("RSA2, as the refund request was signed").isTrue();
            assertThat(r.get("notify_type")).isEqualTo("refund_status_sync");
            assertThat(r.get("refund_status")).isEqualTo("REFUND_SUCCESS");
            assertThat(r.get("alipay_trans_id")).isEqualTo(paymentId);
            assertThat(r.get("refund_amount")).isEqualTo("3.00");
            assertThat(notifyVerify(pos, PARTNER, r.get("notify_id"))).isEqualTo("true");
            assertThat(notifyVerify(other, OTHER, r.get("notify_id"))).isEqualTo("false");
        });
        assertThat(receivedForRefund("LNR-13b")).as("is_sync=Y: the answer is the result").isEmpty();
        assertThat(receivedFor("LN-13")).as("the payment named no notify_url").isEmpty();
    }

    @Test
    void anAsyncRefundsNotifyUrlIsCheckedBeforeAnythingIsWritten() {
        Map<String, String> pay = spotPay("LN-14", "8.00", "amy");
        pay.remove("notify_url");
        pos.get(LegacySignType.MD5, pay);
        Map<String, String> elsewhere = refund("LN-14", "LNR-14", "1.00", "N");
        elsewhere.put("notify_url", "http://127.0.0.1:9/elsewhere");

        Answer answer = pos.get(LegacySignType.MD5, elsewhere);

        assertThat(answer.isSuccess()).as(answer.text()).isEqualTo("F");
        assertThat(answer.error()).isEqualTo("ILLEGAL_ARGUMENT");
        assertThat(gateway.refunds().findByRequest(PARTNER, "LNR-14")).isEmpty();
    }
}
