package dev.scanpay.core.rules;

import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that says what money a change moves. The stores ask it for every write they make and put
 * what it answers in the same transaction as the change, so no caller can move money without a ledger
 * entry, nor write one without the change.
 *
 * <ul>
 *   <li>a payment becomes SUCCESS: {@code CAPTURE}, at the wallet's payment time;</li>
 *   <li>a paid payment is cancelled: {@code REVERSAL}, at the cancel;</li>
 *   <li>a wallet's success is recorded on a payment already closed (a late success, or an order the wallet was
 *       never given): {@code LATE_CAPTURE} and {@code LATE_REVERSAL} together, since the gateway cancels it at
 *       once; the wallet did charge, and its file will show the charge and the cancel;</li>
 *   <li>a refund becomes SUCCESS: {@code REFUND}, at the refund time.</li>
 * </ul>
 *
 * Anything else (bookkeeping, a decline, a close of an unpaid payment, a cancel confirmed, a refund reserved
 * or released) moves nothing.
 */
public final class MoneyMovements {

    private MoneyMovements() {
    }

    /** What moving a payment from {@code before} to {@code after} moves. */
    public static List<LedgerEntry> ofPayment(Payment before, Payment after, BusinessDay days) {
        List<LedgerEntry> entries = new ArrayList<>(2);
        if (before.status() != PaymentStatus.SUCCESS && after.status() == PaymentStatus.SUCCESS) {
            Instant at = after.paymentTime() != null ? after.paymentTime() : after.updatedAt();
            entries.add(ofPayment(LedgerEntryType.CAPTURE, after, at, days));
        }
        if (before.status() == PaymentStatus.SUCCESS && after.status() == PaymentStatus.CANCELLED) {
            Instant at = after.cancelTime() != null ? after.cancelTime() : after.updatedAt();
            entries.add(ofPayment(LedgerEntryType.REVERSAL, after, at, days));
        }
        if (before.lateSuccessAt() == null && after.lateSuccessAt() != null) {
            entries.add(ofPayment(LedgerEntryType.LATE_CAPTURE, after, after.lateSuccessAt(), days));
            entries.add(ofPayment(LedgerEntryType.LATE_REVERSAL, after, after.lateSuccessAt(), days));
        }
        return entries;
    }

    /** What moving a refund of {@code payment} from {@code before} to {@code after} moves. */
    public static List<LedgerEntry> ofRefund(Refund before, Refund after, Payment payment, BusinessDay days) {
        if (before.status() == RefundStatus.SUCCESS || after.status() != RefundStatus.SUCCESS) {
            return List.of();
        }
        Instant at = after.refundTime() != null ? after.refundTime() : after.updatedAt();
        OrderDetails order = payment.order();
        return List.of(new LedgerEntry(LedgerEntry.idOf(LedgerEntryType.REFUND, after.refundId()), LedgerEntryType.REFUND,
                payment.paymentId(), payment.paymentRequestId(), after.refundId(), after.refundRequestId(),
                payment.walletPaymentId(), payment.clientId(),
                order == null ? null : order.referenceMerchantId(), order == null ? null : order.referenceStoreId(),
                after.walletId() != null ? after.walletId() : payment.walletId(), payment.scenario(), after.amount(),
                after.createdAt(), at, days.of(at)));
    }

    private static LedgerEntry ofPayment(LedgerEntryType type, Payment p, Instant at, BusinessDay days) {
        OrderDetails order = p.order();
        return new LedgerEntry(LedgerEntry.idOf(type, p.paymentId()), type, p.paymentId(), p.paymentRequestId(),
                null, null, p.walletPaymentId(), p.clientId(),
                order == null ? null : order.referenceMerchantId(), order == null ? null : order.referenceStoreId(),
                p.walletId(), p.scenario(), p.amount(), p.createdAt(), at, days.of(at));
    }
}
