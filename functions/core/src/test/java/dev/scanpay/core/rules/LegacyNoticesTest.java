package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.testing.TestPayments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link MerchantNotices} owes a legacy partner: the unsigned parameters, a notify_id that cannot be guessed. */
class LegacyNoticesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final Json json = Json.standalone();
    private final MerchantNotices notices = new MerchantNotices(json, Clock.fixed(NOW, ZoneOffset.UTC));

    private Payment processing(NotifyFormat format, String notifyUrl) {
        return TestPayments.processing("2026112302000012345678901234", NOW).notifyUrl(notifyUrl).notifyFormat(format).build();
    }

    @Test
    void aLegacyPaymentsSuccessOwesTheUnsignedTradeStatusSync() {
        Payment before = processing(NotifyFormat.LEGACY_RSA2, "https://pos.example/notify");
        Payment after = before.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build();

        MerchantNotification owed = notices.owed(before, after).orElseThrow();

        assertThat(owed.format()).isEqualTo(NotifyFormat.LEGACY_RSA2);
        assertThat(owed.resultStatus()).isEqualTo("S");
        Map<String, Object> params = json.parseObject(owed.body().getBytes(StandardCharsets.UTF_8));
        assertThat(params).containsEntry("notify_type", "trade_status_sync").containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("alipay_trans_id", after.paymentId()).containsEntry("partner_trans_id", after.paymentRequestId())
                .containsEntry("alipay_pay_time", "20261123100000")
                .doesNotContainKeys("sign", "sign_type", "notify_time", "error");
        String notifyId = (String) params.get("notify_id");
        assertThat(notifyId).matches("N" + after.paymentId() + "\\.[0-9a-f]{32}");
        assertThat(MerchantNotices.notificationIdOfLegacy(notifyId)).contains(owed.notificationId());
    }

    @Test
    void eachNotifyIdHasItsOwnSecretPart() {
        Payment before = processing(NotifyFormat.LEGACY_MD5, "https://pos.example/notify");
        Payment after = before.toBuilder().status(PaymentStatus.FAIL).result("USER_BALANCE_NOT_ENOUGH", "no money").build();

        String first = notices.owed(before, after).orElseThrow().body();
        String second = notices.owed(before, after).orElseThrow().body();

        assertThat(first).isNotEqualTo(second).contains("\"trade_status\":\"TRADE_CLOSED\"")
                .contains("\"error\":\"USER_BALANCE_NOT_ENOUGH\"");
    }

    @Test
    void anAmsPaymentIsStillOwedAmsNotifyPayment() {
        Payment before = processing(NotifyFormat.AMS, "https://merchant.example/notify");
        Payment after = before.toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build();

        MerchantNotification owed = notices.owed(before, after).orElseThrow();

        assertThat(owed.format()).isEqualTo(NotifyFormat.AMS);
        assertThat(owed.body()).contains("\"notifyId\":\"" + owed.notificationId() + "\"");
    }

    @Test
    void onlyANotifyIdOfTheLegacyFormNamesANotification() {
        assertThat(MerchantNotices.notificationIdOfLegacy(null)).isEmpty();
        assertThat(MerchantNotices.notificationIdOfLegacy("N123")).isEmpty();
        assertThat(MerchantNotices.notificationIdOfLegacy("N123.abc")).isEmpty();
        assertThat(MerchantNotices.notificationIdOfLegacy("." + "0".repeat(32))).isEmpty();
        assertThat(MerchantNotices.notificationIdOfLegacy("N123." + "0".repeat(32))).contains("N123");
    }
    @Test
    void onlyAnAsyncLegacyRefundWithANotifyUrlOwesItsVerdict() {
        Refund processing = Refund.builder().refundId("R1").refundRequestId("LR-1").clientId("2088000000000001")
                .paymentId("P1").walletId("w").amount(Money.of(300, "USD")).status(RefundStatus.PROCESSING)
                .createdAt(NOW).notifyUrl("https://pos.example/notify").notifyFormat(NotifyFormat.LEGACY_MD5).build();
        Refund refunded = processing.toBuilder().status(RefundStatus.SUCCESS).refundTime(NOW).build();

        MerchantNotification owed = notices.owedForRefund(processing, refunded).orElseThrow();

        assertThat(owed.notificationId()).isEqualTo(MerchantNotices.refundNotificationId("R1"));
        assertThat(MerchantNotices.reportsPayment(owed)).isFalse();
        assertThat(json.parseObject(owed.body().getBytes(StandardCharsets.UTF_8)))
                .containsEntry("notify_type", "refund_status_sync").containsEntry("refund_status", "REFUND_SUCCESS")
                .containsEntry("partner_refund_id", "LR-1").containsEntry("refund_amount", "3.00");
        assertThat(notices.owedForRefund(processing.toBuilder().notifyUrl(null).build(),
                refunded.toBuilder().notifyUrl(null).build())).as("no notify_url").isEmpty();
        assertThat(notices.owedForRefund(refunded, refunded)).as("already final").isEmpty();
    }
}
