package dev.scanpay.core.rules;

import static dev.scanpay.core.rules.PaymentMachine.State.CANCELLED;
import static dev.scanpay.core.rules.PaymentMachine.State.CANCELLED_CANCEL_CONFIRMED;
import static dev.scanpay.core.rules.PaymentMachine.State.CANCELLED_CANCEL_PENDING;
import static dev.scanpay.core.rules.PaymentMachine.State.CANCELLED_LATE_CANCEL_CONFIRMED;
import static dev.scanpay.core.rules.PaymentMachine.State.CANCELLED_LATE_CANCEL_PENDING;
import static dev.scanpay.core.rules.PaymentMachine.State.CREATED;
import static dev.scanpay.core.rules.PaymentMachine.State.FAIL;
import static dev.scanpay.core.rules.PaymentMachine.State.FAIL_LATE_CANCEL_CONFIRMED;
import static dev.scanpay.core.rules.PaymentMachine.State.FAIL_LATE_CANCEL_PENDING;
import static dev.scanpay.core.rules.PaymentMachine.State.PROCESSING;
import static dev.scanpay.core.rules.PaymentMachine.State.SUCCESS;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.WalletCustomer;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.rules.ReportedTime;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A payment's life, in one place: its states (status, the wallet cancel's progress and the late-success mark
 * together), every edge between them named for what causes it, and the rules that pick an edge for an event.
 * The rules are pure functions (no I/O, unit-tested); a service loads the payment, applies a rule with
 * {@code PaymentLifecycle} (one conditional write, the rule re-applied to the winner's state when it loses a
 * race), calls the wallet, and applies the next rule. {@code PaymentStore} refuses any write that is not an
 * edge here. Drawn in {@code docs/payment-machine.mmd}.
 *
 * A rule returns {@link Step#stay} when the event changes nothing (a duplicate, a late answer).
 */
public final class PaymentMachine {

    /** What a payment can be. Only these combinations of status, cancel state and late success exist. */
    public enum State {
        /** A code issued, nobody has scanned it. */
        CREATED(PaymentStatus.CREATED, CancelState.NONE, false),
        /** A wallet is charging or its customer is confirming. */
        PROCESSING(PaymentStatus.PROCESSING, CancelState.NONE, false),
        SUCCESS(PaymentStatus.SUCCESS, CancelState.NONE, false),
        FAIL(PaymentStatus.FAIL, CancelState.NONE, false),
        /** Closed before any wallet held the order: nothing to cancel at a wallet. */
        CANCELLED(PaymentStatus.CANCELLED, CancelState.NONE, false),
        /** Closed; the wallet's cancel is retried until it confirms. */
        CANCELLED_CANCEL_PENDING(PaymentStatus.CANCELLED, CancelState.PENDING, false),
        CANCELLED_CANCEL_CONFIRMED(PaymentStatus.CANCELLED, CancelState.CONFIRMED, false),
        /** Closed, and a wallet reported a success after all (cancel wins): the money goes back by a wallet cancel. */
        CANCELLED_LATE_CANCEL_PENDING(PaymentStatus.CANCELLED, CancelState.PENDING, true),
        CANCELLED_LATE_CANCEL_CONFIRMED(PaymentStatus.CANCELLED, CancelState.CONFIRMED, true),
        /** Declined, and the wallet reported a success after all: the money goes back by a wallet cancel. */
        FAIL_LATE_CANCEL_PENDING(PaymentStatus.FAIL, CancelState.PENDING, true),
        FAIL_LATE_CANCEL_CONFIRMED(PaymentStatus.FAIL, CancelState.CONFIRMED, true);

        /** The stored fields a state is made of. */
        private record Parts(PaymentStatus status, CancelState cancel, boolean lateSuccess) {
        }

        private final Parts parts;

        State(PaymentStatus status, CancelState cancel, boolean lateSuccess) {
            parts = new Parts(status, cancel, lateSuccess);
        }

        public PaymentStatus status() {
            return parts.status();
        }

        /** The declared state of a payment; empty for a combination no edge leads to. */
        static Optional<State> of(Payment p) {
            Parts wanted = new Parts(p.status(), p.cancelState(), p.lateSuccessAt() != null);
            return Arrays.stream(values()).filter(s -> s.parts.equals(wanted)).findFirst();
        }
    }

    private static final State[] CANCEL_PENDING = {CANCELLED_CANCEL_PENDING, CANCELLED_LATE_CANCEL_PENDING, FAIL_LATE_CANCEL_PENDING};
    private static final State[] AT_REST = {SUCCESS, FAIL, CANCELLED, CANCELLED_CANCEL_CONFIRMED,
            CANCELLED_LATE_CANCEL_CONFIRMED, FAIL_LATE_CANCEL_CONFIRMED};

    // --- entering: written by PaymentStore.create ---
    public static final Edge<State> CODE_ISSUED = Edge.<State>named("codeIssued",
            "an order or entry code waiting for a wallet, its expiry as deadline").move(null, CREATED).build();
    public static final Edge<State> USER_PRESENTED_PAY = Edge.<State>named("userPresentedPay",
            "the customer's code is charged at its wallet; due after the pay call's timeout").move(null, PROCESSING).build();

    // --- sending the charge (a user-presented pay is recorded first, then sent) ---
    public static final Edge<State> PAY_SENT = Edge.<State>named("paySent",
            "the wallet's pay is about to be sent, once; due after the pay call's timeout").stays(PROCESSING).build();
    public static final Edge<State> UNSENT_PAY_AWAITED = Edge.<State>named("unsentPayAwaited",
            "a pay never sent: no inquiry (its wallet never saw it), a repeat may still send it; due again at the deadline,"
                    + " where it closes without a wallet cancel").stays(PROCESSING).build();

    // --- the wallet's verdict on the charge ---
    public static final Edge<State> SCANNED = Edge.<State>named("scanned",
            "the wallet and customer that resolved the code; first inquiry due").move(CREATED, PROCESSING).build();
    public static final Edge<State> WALLET_PAID = Edge.<State>named("walletPaid",
            "result, wallet payment id, customer, payment time; no longer due").move(PROCESSING, SUCCESS).build();
    public static final Edge<State> WALLET_DECLINED = Edge.<State>named("walletDeclined",
            "the wallet's result code; no longer due").move(PROCESSING, FAIL).build();
    public static final Edge<State> NO_VERDICT_YET = Edge.<State>named("noVerdictYet",
            "next inquiry after the inquiry gap").stays(PROCESSING).build();
    public static final Edge<State> LATE_SUCCESS = Edge.<State>named("lateSuccess",
            "lateSuccessAt, the wallet payment id; a wallet cancel due now")
            .move(FAIL, FAIL_LATE_CANCEL_PENDING)
            .move(CANCELLED, CANCELLED_LATE_CANCEL_PENDING)
            .move(CANCELLED_CANCEL_PENDING, CANCELLED_LATE_CANCEL_PENDING)
            .move(CANCELLED_CANCEL_CONFIRMED, CANCELLED_LATE_CANCEL_PENDING)
            .build();
    public static final Edge<State> PAID_UNTAKEN = Edge.<State>named("paidUntaken",
            "closed by the gateway (ORDER_IS_CLOSED): a wallet paid an order it was never given; a wallet cancel due now")
            .move(CREATED, CANCELLED_LATE_CANCEL_PENDING).build();

    // --- closing ---
    public static final Edge<State> MERCHANT_CANCELLED = Edge.<State>named("merchantCancelled",
            "closed by the merchant (ORDER_IS_CLOSED); a wallet cancel due now if a wallet holds the order;"
                    + " from SUCCESS only inside the cancel window and with nothing refunded")
            .move(CREATED, CANCELLED)
            .move(PROCESSING, CANCELLED_CANCEL_PENDING).move(PROCESSING, CANCELLED)
            .move(SUCCESS, CANCELLED_CANCEL_PENDING).move(SUCCESS, CANCELLED)
            .build();
    public static final Edge<State> DEADLINE_PASSED = Edge.<State>named("deadlinePassed",
            "closed by timeout (ORDER_IS_CLOSED); a wallet cancel due now if a wallet holds the order")
            .move(PROCESSING, CANCELLED_CANCEL_PENDING).move(PROCESSING, CANCELLED).build();
    public static final Edge<State> CODE_EXPIRED = Edge.<State>named("codeExpired",
            "closed by timeout (ORDER_IS_CLOSED): nobody scanned the code before its expiry").move(CREATED, CANCELLED).build();
    public static final Edge<State> EXPIRY_AWAITED = Edge.<State>named("expiryAwaited",
            "due again at the code's expiry").stays(CREATED).build();

    // --- the wallet cancel ---
    public static final Edge<State> CANCEL_CONFIRMED = Edge.<State>named("cancelConfirmed",
            "no longer due")
            .move(CANCELLED_CANCEL_PENDING, CANCELLED_CANCEL_CONFIRMED)
            .move(CANCELLED_LATE_CANCEL_PENDING, CANCELLED_LATE_CANCEL_CONFIRMED)
            .move(FAIL_LATE_CANCEL_PENDING, FAIL_LATE_CANCEL_CONFIRMED)
            .build();
    public static final Edge<State> CANCEL_NOT_CONFIRMED = Edge.<State>named("cancelNotConfirmed",
            "next cancel attempt after the cancel gap").stays(CANCEL_PENDING).build();

    // --- bookkeeping of the follow-up ---
    public static final Edge<State> CHECK_CLAIMED = Edge.<State>named("checkClaimed",
            "next check moved past the wallet call about to be made, attempt counted")
            .stays(PROCESSING).stays(CANCEL_PENDING).build();
    /** A payment waiting on its wallet (an inquiry or a cancel) whose wallet is not registered. */
    public static final Edge<State> WALLET_MISSING = Edge.<State>named("walletMissing",
            "next check in 5 minutes: the payment's wallet is not registered").stays(PROCESSING).stays(CANCEL_PENDING).build();
    public static final Edge<State> FOLLOW_UP_DONE = Edge.<State>named("followUpDone",
            "out of the due index: nothing left to do").stays(AT_REST).build();

    // --- refunds (written by RefundStore on the payment item; the refund's own life is RefundMachine) ---
    public static final Edge<State> REFUND_RESERVED = Edge.<State>named("refundReserved",
            "refundedMinor up by the refund's amount, only while it stays within the amount paid").stays(SUCCESS).build();
    public static final Edge<State> REFUND_RELEASED = Edge.<State>named("refundReleased",
            "refundedMinor down by a refused refund's amount").stays(SUCCESS).build();

    public static final Machine<Payment, State> MACHINE = new Machine<>("illegal transition", State.class,
            State::of,
            List.of(CODE_ISSUED, USER_PRESENTED_PAY, PAY_SENT, UNSENT_PAY_AWAITED, SCANNED, WALLET_PAID, WALLET_DECLINED, NO_VERDICT_YET, LATE_SUCCESS,
                    PAID_UNTAKEN, MERCHANT_CANCELLED, DEADLINE_PASSED, CODE_EXPIRED, EXPIRY_AWAITED, CANCEL_CONFIRMED,
                    CANCEL_NOT_CONFIRMED, CHECK_CLAIMED, WALLET_MISSING, FOLLOW_UP_DONE, REFUND_RESERVED, REFUND_RELEASED));

    private PaymentMachine() {
    }

    /** The statuses a payment of status {@code from} can change to (a change of status, not of bookkeeping). */
    public static Set<PaymentStatus> statusesAfter(PaymentStatus from) {
        return MACHINE.changesOf(State::status, from);
    }

    // --- the rules ---

    /**
     * The wallet's pay is about to be sent: marked sent first, with one conditional write, so that exactly one
     * caller (the first pay, a repeat of it, each after a lost answer) sends it, and never after the payment
     * was closed. Stays for a payment already sent or no longer open.
     */
    public static Step<Payment> paySending(Payment p, Instant now, Duration payTimeout) {
        if (p.status() != PaymentStatus.PROCESSING || !p.payUnsent()) {
            return Step.stay(p);
        }
        // if this caller dies during the wallet call, the follow-up takes over after the call's timeout
        return PAY_SENT.to(p.toBuilder().payUnsent(false).nextCheckAt(FollowUpSchedule.afterWalletCall(now, payTimeout)).updatedAt(now).build());
    }

    /**
     * A pay that was recorded but never sent came due: its wallet never saw it, so there is nothing to inquire
     * and nothing it can have charged. It waits for a repeat of the merchant's pay (which sends it) until its
     * deadline, where {@link #deadlinePassed} closes it without a wallet cancel.
     */
    public static Step<Payment> unsentPayDue(Payment p, Instant now) {
        if (p.status() != PaymentStatus.PROCESSING || !p.payUnsent() || !p.isDue(now)
                || p.deadlineAt() == null || !now.isBefore(p.deadlineAt())) {
            return Step.stay(p);
        }
        return UNSENT_PAY_AWAITED.to(p.toBuilder().nextCheckAt(p.deadlineAt()).updatedAt(now).build());
    }

    /** The wallet said something about the charge (pay answer, inquiry answer or notifyPayment). */
    public static Step<Payment> walletAnswered(Payment p, WalletOutcome outcome, String pspName, Instant now) {
        if (outcome instanceof WalletOutcome.Paid paid) {
            return walletPaid(p, paid, pspName, now);
        }
        if (outcome instanceof WalletOutcome.Declined declined) {
            return walletDeclined(p, declined, now);
        }
        if (outcome instanceof WalletOutcome.Cancelled) {
            return cancelConfirmed(p, now);
        }
        // Pending, NotFound, Unknown: no verdict yet; look again after the next inquiry gap (the deadline is
        // enforced by the follow-up)
        if (p.status() != PaymentStatus.PROCESSING) {
            return Step.stay(p);
        }
        return NO_VERDICT_YET.to(p.toBuilder()
                .nextCheckAt(now.plus(FollowUpSchedule.inquiryGap(p.checkCount())))
                .updatedAt(now)
                .build());
    }

    /**
     * A wallet resolved the payment's code for one of its customers (userInitiatedPay): the customer is
     * confirming in the wallet. The payment is that customer's from now on; the follow-up inquires at the
     * wallet in case its notifyPayment is lost, and closes it at its expiry. Refused (thrown) unless the
     * order is open to this wallet and customer.
     */
    public static Step<Payment> scanned(Payment p, String walletId, String pspName, String customerId, Instant now) {
        refuseUnlessOpenTo(p, walletId, customerId, now);
        if (p.status() != PaymentStatus.CREATED) {
            return Step.stay(p);
        }
        Instant firstCheck = now.plus(FollowUpSchedule.SCANNED_FIRST_CHECK);
        return SCANNED.to(p.toBuilder()
                .status(PaymentStatus.PROCESSING)
                .walletId(walletId)
                .customer(new WalletCustomer(pspName, customerId, maskCustomer(customerId)))
                .nextCheckAt(p.deadlineAt() != null && p.deadlineAt().isBefore(firstCheck) ? p.deadlineAt() : firstCheck)
                .checkCount(0)
                .updatedAt(now)
                .build());
    }

    private static void refuseUnlessOpenTo(Payment p, String walletId, String customerId, Instant now) {
        switch (p.status()) {
            case CANCELLED -> throw p.closedBy() == ClosedBy.TIMEOUT
                    ? new ProtocolException(ResultCode.EXPIRED_CODE, "the code expired")
                    : new ProtocolException(ResultCode.ORDER_IS_CLOSED, "the merchant closed the order");
            case FAIL -> throw new ProtocolException(ResultCode.ORDER_IS_CLOSED, "the order failed: " + p.resultCode());
            case CREATED -> {
                if (p.expiresAt() != null && !now.isBefore(p.expiresAt())) {
                    throw new ProtocolException(ResultCode.EXPIRED_CODE, "the code expired");
                }
                if (p.walletId() != null && !p.walletId().equals(walletId)) {
                    throw new ProtocolException(ResultCode.INVALID_CODE, "the order was opened in another wallet");
                }
            }
            case PROCESSING, SUCCESS -> {
                boolean sameCustomer = walletId.equals(p.walletId()) && p.customer() != null
                        && customerId.equals(p.customer().pspCustomerId());
                if (!sameCustomer) {
                    throw new ProtocolException(ResultCode.REPEAT_REQ_INCONSISTENT, "another customer has taken this code");
                }
                if (p.status() == PaymentStatus.PROCESSING && p.expiresAt() != null && !now.isBefore(p.expiresAt())) {
                    throw new ProtocolException(ResultCode.EXPIRED_CODE, "the code expired");
                }
            }
        }
    }

    private static Step<Payment> walletPaid(Payment p, WalletOutcome.Paid paid, String pspName, Instant now) {
        return switch (p.status()) {
            case PROCESSING -> WALLET_PAID.to(p.toBuilder()
                    .status(PaymentStatus.SUCCESS)
                    .result(ResultCode.SUCCESS.name(), "success")
                    .walletPaymentId(paid.walletPaymentId())
                    .customer(new WalletCustomer(pspName, paid.customerId(), maskCustomer(paid.customerId())))
                    .paymentTime(ReportedTime.clamp(paid.paymentTime(), p.createdAt(), now))
                    .nextCheckAt(null)
                    .checkCount(0)
                    .updatedAt(now)
                    .build());
            case SUCCESS -> Step.stay(p);
            // CREATED: no wallet was given the order, yet its wallet says it charged the customer (an entry-code
            // payment's wallet is chosen when the page is submitted). Never a success: the order is closed and
            // the wallet told to give the money back, as for a success after a cancel.
            case CREATED -> p.walletId() == null ? Step.stay(p) : PAID_UNTAKEN.to(lateSuccessRecorded(
                    closed(p, ClosedBy.GATEWAY, "closed: the wallet reported paying an order it was never given",
                            CancelState.NONE, null, now), paid, now));
            // cancel wins over a late success: record it and make sure the wallet gives the money back
            case CANCELLED, FAIL -> lateSuccess(p, paid, now);
        };
    }

    private static Step<Payment> lateSuccess(Payment p, WalletOutcome.Paid paid, Instant now) {
        // handled once already (cancel pending or confirmed since): a duplicate changes nothing
        if (p.lateSuccessAt() != null && p.cancelState() != CancelState.NONE) {
            return Step.stay(p);
        }
        // the success this payment already had before the merchant reversed it, said again: the reversal's
        // own cancel covers it
        if (p.paymentTime() != null && p.cancelState() != CancelState.NONE
                && (paid.walletPaymentId() == null || paid.walletPaymentId().equals(p.walletPaymentId()))) {
            return Step.stay(p);
        }
        return LATE_SUCCESS.to(lateSuccessRecorded(p, paid, now));
    }

    private static Payment lateSuccessRecorded(Payment p, WalletOutcome.Paid paid, Instant now) {
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

    private static Step<Payment> walletDeclined(Payment p, WalletOutcome.Declined declined, Instant now) {
        if (p.status() != PaymentStatus.PROCESSING) {
            return Step.stay(p);
        }
        return WALLET_DECLINED.to(p.toBuilder()
                .status(PaymentStatus.FAIL)
                .result(declined.code(), declined.message())
                .nextCheckAt(null)
                .checkCount(0)
                .updatedAt(now)
                .build());
    }

    private static Step<Payment> cancelConfirmed(Payment p, Instant now) {
        if (p.cancelState() != CancelState.PENDING) {
            return Step.stay(p);
        }
        return CANCEL_CONFIRMED.to(p.toBuilder().cancelState(CancelState.CONFIRMED).nextCheckAt(null).checkCount(0)
                .updatedAt(now).build());
    }

    /**
     * The merchant's cancel: an open payment closes; a paid one is reversed inside the cancel window if nothing
     * was refunded (refused otherwise); a failed or closed one stays as it is.
     */
    public static Step<Payment> merchantCancels(Payment p, Instant now) {
        return switch (p.status()) {
            case CREATED, PROCESSING -> cancel(p, ClosedBy.MERCHANT, now);
            case SUCCESS -> {
                if (now.isAfter(FollowUpSchedule.cancelWindowEnd(p.paymentTime()))) {
                    throw new ProtocolException(ResultCode.CANCEL_WINDOW_EXCEED,
                            "the cancel window closed at " + FollowUpSchedule.cancelWindowEnd(p.paymentTime()) + "; refund instead");
                }
                if (p.refundedMinor() > 0) {
                    // PaymentStore's CANCEL_PAID_CONDITION enforces this against a refund reserved meanwhile
                    throw new ProtocolException(ResultCode.ORDER_STATUS_INVALID, "the payment has refunds; refund the rest instead");
                }
                yield cancel(p, ClosedBy.MERCHANT, now);
            }
            case FAIL, CANCELLED -> Step.stay(p);
        };
    }

    /**
     * The decision to cancel: by the merchant, or by the gateway when the payment ran out of time.
     * A payment the wallet has touched gets a wallet cancel, retried until confirmed.
     */
    public static Step<Payment> cancel(Payment p, ClosedBy by, Instant now) {
        // a pay never sent was never seen by its wallet: nothing to cancel there
        boolean walletInvolved = p.walletId() != null && p.status() != PaymentStatus.CREATED && !p.payUnsent();
        Edge<State> edge = by == ClosedBy.MERCHANT ? MERCHANT_CANCELLED
                : p.status() == PaymentStatus.CREATED ? CODE_EXPIRED : DEADLINE_PASSED;
        return edge.to(closed(p, by, by == ClosedBy.MERCHANT ? "cancelled by the merchant" : "closed: no result before the deadline",
                walletInvolved ? CancelState.PENDING : CancelState.NONE, walletInvolved ? now : null, now)
                .toBuilder().checkCount(0).build());
    }

    private static Payment closed(Payment p, ClosedBy by, String message, CancelState cancelState, Instant nextCheckAt,
                                  Instant now) {
        return p.toBuilder()
                .status(PaymentStatus.CANCELLED)
                .result(ResultCode.ORDER_IS_CLOSED.name(), message)
                .closedBy(by)
                .cancelTime(now)
                .cancelState(cancelState)
                .nextCheckAt(nextCheckAt)
                .updatedAt(now)
                .build();
    }

    /** An order code nobody has scanned came due: it closes at its expiry, and waits for it until then. */
    public static Step<Payment> codeExpiryDue(Payment p, Instant now) {
        if (p.status() != PaymentStatus.CREATED || !p.isDue(now)) {
            return Step.stay(p);
        }
        if (p.deadlineAt() != null && now.isBefore(p.deadlineAt())) {
            return EXPIRY_AWAITED.to(p.toBuilder().nextCheckAt(p.deadlineAt()).updatedAt(now).build());
        }
        return cancel(p, ClosedBy.TIMEOUT, now);
    }

    /** A charge still without a verdict at its deadline: closed, and cancelled at the wallet. */
    public static Step<Payment> deadlinePassed(Payment p, Instant now) {
        return p.status() == PaymentStatus.PROCESSING ? cancel(p, ClosedBy.TIMEOUT, now) : Step.stay(p);
    }

    /** Nothing left for the follow-up to do (a payment at rest): out of the due index. */
    public static Step<Payment> followUpDone(Payment p, Instant now) {
        return p.nextCheckAt() == null || p.cancelState() == CancelState.PENDING || p.status() == PaymentStatus.PROCESSING
                || p.status() == PaymentStatus.CREATED ? Step.stay(p) : FOLLOW_UP_DONE.to(p.toBuilder().nextCheckAt(null).updatedAt(now).build());
    }

    /**
     * The wallet's answer to a cancel attempt made when the payment's {@code lateSuccessAt} was
     * {@code lateSuccessAtSent}. If a late success was recorded since, the wallet may have charged after
     * confirming this cancel: the confirmation does not count, and the re-cancel stays due.
     */
    public static Step<Payment> cancelAttempted(Payment p, WalletOutcome outcome, Instant lateSuccessAtSent, Instant now) {
        if (!Objects.equals(p.lateSuccessAt(), lateSuccessAtSent)) {
            return Step.stay(p);
        }
        return outcome instanceof WalletOutcome.Cancelled ? cancelConfirmed(p, now) : cancelNotConfirmed(p, now);
    }

    /** A wallet cancel attempt that did not get a confirmation: try again after the next gap. */
    public static Step<Payment> cancelNotConfirmed(Payment p, Instant now) {
        if (p.cancelState() != CancelState.PENDING) {
            return Step.stay(p);
        }
        return CANCEL_NOT_CONFIRMED.to(p.toBuilder()
                // claimCheck has counted the attempt that just failed: attempt n waits cancelGap(n - 1)
                .nextCheckAt(now.plus(FollowUpSchedule.cancelGap(Math.max(0, p.checkCount() - 1))))
                .updatedAt(now)
                .build());
    }

    /**
     * Takes the payment's next check for this caller: moves nextCheckAt past the call it is about to make,
     * so a concurrent sweeper or inquiry does not make the same wallet call, and counts the attempt.
     */
    public static Step<Payment> claimCheck(Payment p, Instant now, Duration lease) {
        return CHECK_CLAIMED.to(p.toBuilder().nextCheckAt(now.plus(lease)).checkCount(p.checkCount() + 1).updatedAt(now).build());
    }

    /**
     * The payment's wallet is not registered: look again after {@code retry}, if it still waits on its wallet and is
     * due (a lost parking race re-applies this to the winner's state, which may no longer wait on anything).
     */
    public static Step<Payment> walletMissing(Payment p, Instant now, Duration retry) {
        boolean waitsOnWallet = p.status() == PaymentStatus.PROCESSING || p.cancelState() == CancelState.PENDING;
        return waitsOnWallet && p.isDue(now) ? WALLET_MISSING.to(p.toBuilder().nextCheckAt(now.plus(retry)).updatedAt(now).build()) : Step.stay(p);
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
