package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which changes move money, and which entries they write: the rule the stores apply to every write. */
class MoneyMovementsTest {

    static final Instant NOW = Instant.parse("2026-11-23T15:59:59.999Z");   // 23:59:59.999 in UTC+8
    static final BusinessDay DAYS = BusinessDay.ALIPAY;

    static Payment processing() {
        return Payment.builder().paymentId("P1").clientId("C1").paymentRequestId("PR1").scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(1000, "KWD")).status(PaymentStatus.PROCESSING).walletId("W").createdAt(NOW.minusSeconds(5))
                .updatedAt(NOW.minusSeconds(5)).build();
    }

    @Test
    void walletPaidIsOneCaptureAtTheWalletsPaymentTimeOnItsBusinessDay() {
        Payment before = processing();
        Payment after = PaymentMachine.walletAnswered(before, new WalletOutcome.Paid("WP1", NOW, "alice"), "SIM", NOW.plusMillis(1)).next();

        assertThat(MoneyMovements.ofPayment(before, after, DAYS)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(LedgerEntryType.CAPTURE);
            assertThat(e.entryId()).isEqualTo("CAPTURE-P1");
            assertThat(e.time()).isEqualTo(NOW);
            assertThat(e.businessDay()).isEqualTo(LocalDate.parse("2026-11-23"));
            assertThat(e.signedMinor()).isEqualTo(1000);
            assertThat(e.transactionId()).isEqualTo("P1");
        });
        assertThat(MoneyMovements.ofPayment(after, after.toBuilder().checkCount(1).build(), DAYS)).as("bookkeeping").isEmpty();
    }

    @Test
    void aReversalIsACancelAndAnUnpaidCloseMovesNothing() {
        Payment paid = processing().toBuilder().status(PaymentStatus.SUCCESS).paymentTime(NOW).build();
        Payment reversed = PaymentMachine.cancel(paid, ClosedBy.MERCHANT, NOW.plusMillis(1)).next();
        Payment closed = PaymentMachine.cancel(processing(), ClosedBy.TIMEOUT, NOW).next();

        assertThat(MoneyMovements.ofPayment(paid, reversed, DAYS)).extracting(LedgerEntry::type, LedgerEntry::signedMinor,
                LedgerEntry::businessDay).containsExactly(org.assertj.core.groups.Tuple.tuple(LedgerEntryType.REVERSAL, -1000L,
                LocalDate.parse("2026-11-24")));
        assertThat(MoneyMovements.ofPayment(processing(), closed, DAYS)).isEmpty();
    }

    @Test
    void aLateSuccessIsCapturedAndReversedTogetherNettingZero() {
        Payment closed = processing().toBuilder().status(PaymentStatus.CANCELLED).cancelState(CancelState.CONFIRMED).build();
        Payment late = PaymentMachine.walletAnswered(closed, new WalletOutcome.Paid("WP1", NOW, "alice"), "SIM", NOW).next();

        assertThat(MoneyMovements.ofPayment(closed, late, DAYS)).extracting(LedgerEntry::type)
                .containsExactly(LedgerEntryType.LATE_CAPTURE, LedgerEntryType.LATE_REVERSAL);
        assertThat(MoneyMovements.ofPayment(closed, late, DAYS).stream().mapToLong(LedgerEntry::signedMinor).sum()).isZero();
    }

    @Test
    void onlyARefundBecomingSuccessMovesMoney() {
        Payment paid = processing().toBuilder().status(PaymentStatus.SUCCESS).walletPaymentId("WP1").build();
        Refund processing = Refund.builder().refundId("R1").refundRequestId("RR1").clientId("C1").paymentId("P1").walletId("W")
                .amount(Money.of(250, "KWD")).status(RefundStatus.PROCESSING).createdAt(NOW).build();
        Refund done = processing.toBuilder().status(RefundStatus.SUCCESS).refundTime(NOW).build();
        Refund refused = processing.toBuilder().status(RefundStatus.FAIL).build();

        assertThat(MoneyMovements.ofRefund(processing, done, paid, DAYS)).singleElement().satisfies(e -> {
            assertThat(e.entryId()).isEqualTo("REFUND-R1");
            assertThat(e.signedMinor()).isEqualTo(-250);
            assertThat(e.transactionId()).isEqualTo("R1");
            assertThat(e.walletPaymentId()).isEqualTo("WP1");
            assertThat(e.paymentRequestId()).isEqualTo("PR1");
        });
        assertThat(MoneyMovements.ofRefund(processing, refused, paid, DAYS)).isEmpty();
        assertThat(MoneyMovements.ofRefund(done, done, paid, DAYS)).isEmpty();
    }
}
