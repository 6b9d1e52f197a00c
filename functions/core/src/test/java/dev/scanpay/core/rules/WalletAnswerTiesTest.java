package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.testing.TestPayments;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wallet's answer counts only for the payment it names; what it leaves out is not held against it. */
class WalletAnswerTiesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private final Payment payment = TestPayments.processing("P1", T0).build();

    private Map<String, Object> answer(String paymentRequestId, String currency, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentRequestId", paymentRequestId);
        if (currency != null) {
            body.put("paymentAmount", Map.of("currency", currency, "value", value));
        }
        return body;
    }

    @Test
    void theSamePaymentAndAmountIsTied() {
        String value = payment.amount().minorString();
        assertThat(WalletAnswerTies.mismatch(payment, answer("P1", payment.amount().currencyCode(), value))).isEmpty();
        assertThat(WalletAnswerTies.mismatch(payment, answer("P1", payment.amount().currencyCode(), Long.parseLong(value)))).isEmpty();
        assertThat(WalletAnswerTies.mismatch(payment, answer(null, null, null))).as("fields the protocol does not require").isEmpty();
    }

    @Test
    void anotherPaymentAmountOrCurrencyIsNotAnAnswer() {
        String currency = payment.amount().currencyCode();
        assertThat(WalletAnswerTies.mismatch(payment, answer("P2", currency, payment.amount().minorString()))).isPresent();
        assertThat(WalletAnswerTies.mismatch(payment, answer("P1", currency, "1"))).isPresent();
        assertThat(WalletAnswerTies.mismatch(payment, answer("P1", currency.equals("JPY") ? "USD" : "JPY",
                payment.amount().minorString()))).isPresent();
        Map<String, Object> garbled = new HashMap<>(Map.of("paymentAmount", "12.50"));
        assertThat(WalletAnswerTies.mismatch(payment, garbled)).isPresent();
    }

    @Test
    void aReportedTimeIsKeptBetweenCreationAndAMinuteFromNow() {
        Instant created = T0;
        Instant now = T0.plusSeconds(30);
        assertThat(ReportedTime.clamp(T0.plusSeconds(10), created, now)).isEqualTo(T0.plusSeconds(10));
        assertThat(ReportedTime.clamp(Instant.parse("2020-01-01T00:00:00Z"), created, now)).isEqualTo(created);
        Instant farFuture = OffsetDateTime.parse("+999999999-12-31T00:00:00Z").toInstant();
        assertThat(ReportedTime.clamp(farFuture, created, now)).isEqualTo(now.plus(ReportedTime.SKEW));
        assertThat(ReportedTime.clamp(null, created, now)).isEqualTo(now);
    }
}
