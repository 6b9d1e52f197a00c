package dev.scanpay.core.lifecycle;

import dev.scanpay.core.payment.CancelState;
import dev.scanpay.core.payment.ClosedBy;
import dev.scanpay.core.payment.Payment;
import dev.scanpay.core.payment.PaymentStatus;
import dev.scanpay.core.payment.WalletCustomer;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.wallet.ReportedTime;
import dev.scanpay.core.wallet.WalletOutcome;
import java.time.Instant;

/**
 * The rules of a payment's life as pure functions: given what the payment is now and what happened,
 * what it becomes. No I/O, so every rule is unit-tested; {@link PaymentLifecycle} writes the result with
 * one conditional put and re-applies the rule to the winner's state when it loses a race.
 *
 * A function returns its input unchanged when the event changes nothing (a duplicate, a late answer).
 */
public final class PaymentTransitions {

    private PaymentTransitions() {
    }

    /** The wallet said something about the charge (pay answer, inquiry answer or notifyPayment). */
    public static Payment onWalletOutcome(Payment p, WalletOutcome outcome, String pspName, Instant now) {
        if (outcome instanceof WalletOutcome.Paid paid) {
            return onPaid(p, paid, pspName, now);
        }
        if (outcome instanceof WalletOutcome.Declined declined) {
            return onDeclined(p, declined, now);
        }
        if (outcome instanceof WalletOutcome.Cancelled) {
            return onCancelConfirmed(p, now);
        }
        // Pending, NotFound, Unknown: no verdict yet
        return stillWaiting(p, now);
    }

    /**
     * A wallet resolved the payment's code for one of its customers (userInitiatedPay): the customer is
     * confirming in the wallet. The payment is that customer's from now on; the follow-up inquires at the
     * wallet in case its notifyPayment is lost, and closes it at its expiry.
     */
    public static Payment onScanned(Payment p, String walletId, String pspName, String customerId, Instant now) {
        if (p.status() != PaymentStatus.CREATED) {
            return p;
        }
        Instant firstCheck = now.plus(FollowUpSchedule.SCANNED_FIRST_CHECK);
        return p.toBuilder()
                .status(PaymentStatus.PROCESSING)
                .walletId(walletId)
                .customer(new WalletCustomer(pspName, customerId, maskCustomer(customerId)))
                .nextCheckAt(p.deadlineAt() != null && p.deadlineAt().isBefore(firstCheck) ? p.deadlineAt() : firstCheck)
                .checkCount(0)
                .updatedAt(now)
                .build();
    }

    private static Payment onPaid(Payment p, WalletOutcome.Paid paid, String pspName, Instant now) {
        return switch (p.status()) {
            case PROCESSING -> p.toBuilder()
                    .status(PaymentStatus.SUCCESS)
                    .result(ResultCode.SUCCESS.name(), "success")
                    .walletPaymentId(paid.walletPaymentId())
                    .customer(new WalletCustomer(pspName, paid.customerId(), maskCustomer(paid.customerId())))
                    .paymentTime(ReportedTime.clamp(paid.paymentTime(), p.createdAt(), now))
                    .nextCheckAt(null)
                    .checkCount(0)
                    .updatedAt(now)
                    .build();
            case SUCCESS -> p;
            // CREATED: no wallet was given the order, yet its wallet says it charged the customer (an entry-code
            // payment's wallet is chosen when the page is submitted). Never a success: the order is closed and
            // the wallet told to give the money back, as for a success after a cancel.
            case CREATED -> p.walletId() == null ? p : lateSuccess(closeUntaken(p, now), paid, now);
            // cancel wins over a late success: record it and make sure the wallet gives the money back
            case CANCELLED, FAIL -> lateSuccess(p, paid, now);
        };
    }

    private static Payment lateSuccess(Payment p, WalletOutcome.Paid paid, Instant now) {
        // handled once already (cancel pending or confirmed since): a duplicate changes nothing
        if (p.lateSuccessAt() != null && p.cancelState() != CancelState.NONE) {
            return p;
        }
        // the success this payment already had before the merchant reversed it, said again: the reversal's
        // own cancel covers it
        if (p.paymentTime() != null && p.cancelState() != CancelState.NONE
                && (paid.walletPaymentId() == null || paid.walletPaymentId().equals(p.walletPaymentId()))) {
            return p;
        }
        return p.toBuilder()
                .lateSuccessAt(p.lateSuccessAt() == null ? now : p.lateSuccessAt())
                .walletPaymentId(p.walletPaymentId() == null ? paid.walletPaymentId() : p.walletPaymentId())
                .cancelState(CancelState.PENDING)
                .cancelTime(p.cancelTime() == null ? now : p.cancelTime())
                .nextCheckAt(now)
                .checkCount(0)
                .updatedAt(now)
                .build();
    }

    private static Payment closeUntaken(Payment p, Instant now) {
        return p.toBuilder()
                .status(PaymentStatus.CANCELLED)
                .result(ResultCode.ORDER_IS_CLOSED.name(), "closed: the wallet reported paying an order it was never given")
                .closedBy(ClosedBy.GATEWAY)
                .cancelTime(now)
                .updatedAt(now)
                .build();
    }

    private static Payment onDeclined(Payment p, WalletOutcome.Declined declined, Instant now) {
        if (p.status() != PaymentStatus.PROCESSING) {
            return p;
        }
        return p.toBuilder()
                .status(PaymentStatus.FAIL)
                .result(declined.code(), declined.message())
                .nextCheckAt(null)
                .checkCount(0)
                .updatedAt(now)
                .build();
    }

    /** No verdict yet: look again after the next inquiry gap (the deadline is enforced by the follow-up). */
    private static Payment stillWaiting(Payment p, Instant now) {
        if (p.status() != PaymentStatus.PROCESSING) {
            return p;
        }
        return p.toBuilder()
                .nextCheckAt(now.plus(FollowUpSchedule.inquiryGap(p.checkCount())))
                .updatedAt(now)
                .build();
    }

    private static Payment onCancelConfirmed(Payment p, Instant now) {
        if (p.cancelState() != CancelState.PENDING) {
            return p;
        }
        return p.toBuilder().cancelState(CancelState.CONFIRMED).nextCheckAt(null).checkCount(0).updatedAt(now).build();
    }

    /**
     * The decision to cancel: by the merchant, or by the gateway when the payment ran out of time.
     * A payment the wallet has touched gets a wallet cancel, retried until confirmed.
     */
    public static Payment cancel(Payment p, ClosedBy by, Instant now) {
        boolean walletInvolved = p.walletId() != null && p.status() != PaymentStatus.CREATED;
        return p.toBuilder()
                .status(PaymentStatus.CANCELLED)
                .result(ResultCode.ORDER_IS_CLOSED.name(),
                        by == ClosedBy.MERCHANT ? "cancelled by the merchant" : "closed: no result before the deadline")
                .closedBy(by)
                .cancelTime(now)
                .cancelState(walletInvolved ? CancelState.PENDING : CancelState.NONE)
                .nextCheckAt(walletInvolved ? now : null)
                .checkCount(0)
                .updatedAt(now)
                .build();
    }

    /**
     * The wallet's answer to a cancel attempt made when the payment's {@code lateSuccessAt} was
     * {@code lateSuccessAtSent}. If a late success was recorded since, the wallet may have charged after
     * confirming this cancel: the confirmation does not count, and the re-cancel stays due.
     */
    public static Payment onCancelAttempt(Payment p, WalletOutcome outcome, Instant lateSuccessAtSent, Instant now) {
        if (!java.util.Objects.equals(p.lateSuccessAt(), lateSuccessAtSent)) {
            return p;
        }
        return outcome instanceof WalletOutcome.Cancelled ? onCancelConfirmed(p, now) : cancelNotConfirmed(p, now);
    }

    /** A wallet cancel attempt that did not get a confirmation: try again after the next gap. */
    public static Payment cancelNotConfirmed(Payment p, Instant now) {
        if (p.cancelState() != CancelState.PENDING) {
            return p;
        }
        return p.toBuilder()
                // claimCheck has counted the attempt that just failed: attempt n waits cancelGap(n - 1)
                .nextCheckAt(now.plus(FollowUpSchedule.cancelGap(Math.max(0, p.checkCount() - 1))))
                .updatedAt(now)
                .build();
    }

    /**
     * Takes the payment's next check for this caller: moves nextCheckAt past the call it is about to make,
     * so a concurrent sweeper or inquiry does not make the same wallet call, and counts the attempt.
     */
    public static Payment claimCheck(Payment p, Instant now, java.time.Duration lease) {
        return p.toBuilder().nextCheckAt(now.plus(lease)).checkCount(p.checkCount() + 1).updatedAt(now).build();
    }

    static String maskCustomer(String customerId) {
        if (customerId == null) {
            return null;
        }
        if (customerId.length() <= 4) {
            return "*".repeat(customerId.length());
        }
        return customerId.substring(0, 2) + "*".repeat(customerId.length() - 4) + customerId.substring(customerId.length() - 2);
    }
}
