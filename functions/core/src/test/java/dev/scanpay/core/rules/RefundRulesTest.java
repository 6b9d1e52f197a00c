package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.testing.TestPayments;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefundRulesTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-23T02:00:00Z");

    private static Payment paid(long refundedMinor) {
        return TestPayments.processing("P1", PAID_AT).status(PaymentStatus.SUCCESS).paymentTime(PAID_AT)
                .refundedMinor(refundedMinor).build();
    }

    private static ResultCode refusal(Payment p, long minor, String currency, Instant at) {
        return RefundRules.refusal(p, Money.of(minor, currency), at).map(ProtocolException::code).orElse(null);
    }

    @Test
    void aPaidPaymentTakesRefundsUpToWhatIsLeft() {
        assertThat(refusal(paid(0), 1000, "JPY", PAID_AT)).isNull();
        assertThat(refusal(paid(400), 600, "JPY", PAID_AT)).isNull();
        assertThat(refusal(paid(400), 601, "JPY", PAID_AT)).isEqualTo(ResultCode.REFUND_AMOUNT_EXCEED);
        assertThat(refusal(paid(1000), 1, "JPY", PAID_AT)).isEqualTo(ResultCode.REFUND_AMOUNT_EXCEED);
        assertThat(refusal(paid(0), 1001, "JPY", PAID_AT)).isEqualTo(ResultCode.REFUND_AMOUNT_EXCEED);
    }

    @Test
    void theLimitIsPaidMinusTheAmountSoTheConditionNeedsNoAddition() {
        assertThat(RefundRules.reservationLimit(1000, 250)).isEqualTo(750);
        assertThat(RefundRules.reservationLimit(1000, 1000)).isZero();
        assertThat(RefundRules.reservationLimit(1000, 1001)).as("nothing can pass").isNegative();
    }

    @Test
    void onlyAPaidPaymentCanBeRefunded() {
        Payment processing = TestPayments.processing("P2", PAID_AT).build();
        Payment cancelled = paid(0).toBuilder().status(PaymentStatus.CANCELLED).closedBy(ClosedBy.MERCHANT).build();
        Payment failed = processing.toBuilder().status(PaymentStatus.FAIL).build();

        assertThat(refusal(processing, 100, "JPY", PAID_AT)).isEqualTo(ResultCode.ORDER_STATUS_INVALID);
        assertThat(refusal(cancelled, 100, "JPY", PAID_AT)).isEqualTo(ResultCode.ORDER_STATUS_INVALID);
        assertThat(refusal(failed, 100, "JPY", PAID_AT)).isEqualTo(ResultCode.ORDER_STATUS_INVALID);
    }

    @Test
    void anotherCurrencyIsParamIllegalNamingTheField() {
        ProtocolException refusal = RefundRules.refusal(paid(0), Money.of(100, "USD"), PAID_AT).orElseThrow();

        assertThat(refusal.code()).isEqualTo(ResultCode.PARAM_ILLEGAL);
        assertThat(refusal.getMessage()).startsWith("refundAmount.currency ").contains("JPY");
    }

    @Test
    void theWindowIs365DaysFromThePaymentTime() {
        assertThat(RefundRules.REFUND_WINDOW).isEqualTo(Duration.ofDays(365));
        Instant lastMoment = PAID_AT.plus(Duration.ofDays(365));

        assertThat(refusal(paid(0), 100, "JPY", lastMoment)).isNull();
        assertThat(refusal(paid(0), 100, "JPY", lastMoment.plusMillis(1))).isEqualTo(ResultCode.REFUND_WINDOW_EXCEED);
    }

    @Test
    void theStateIsJudgedBeforeTheCurrencyTheWindowAndTheAmount() {
        Payment cancelled = paid(1000).toBuilder().status(PaymentStatus.CANCELLED).build();
        Instant late = PAID_AT.plus(Duration.ofDays(400));

        assertThat(refusal(cancelled, 5000, "USD", late)).isEqualTo(ResultCode.ORDER_STATUS_INVALID);
        assertThat(refusal(paid(1000), 5000, "USD", late)).isEqualTo(ResultCode.PARAM_ILLEGAL);
        assertThat(refusal(paid(1000), 5000, "JPY", late)).isEqualTo(ResultCode.REFUND_WINDOW_EXCEED);
    }

    @Test
    void theRequestHashCoversThePaymentAndTheAmount() {
        String hash = RefundRules.requestHash("P1", Money.of(100, "JPY"));

        assertThat(RefundRules.requestHash("P1", Money.of(100, "JPY"))).isEqualTo(hash);
        assertThat(RefundRules.requestHash("P2", Money.of(100, "JPY"))).isNotEqualTo(hash);
        assertThat(RefundRules.requestHash("P1", Money.of(101, "JPY"))).isNotEqualTo(hash);
        assertThat(RefundRules.requestHash("P1", Money.of(100, "KRW"))).isNotEqualTo(hash);
    }
}
