package dev.scanpay.core.rules;

import static dev.scanpay.core.model.refund.RefundStatus.FAIL;
import static dev.scanpay.core.model.refund.RefundStatus.PROCESSING;
import static dev.scanpay.core.model.refund.RefundStatus.SUCCESS;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.rules.ReportedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A refund's life, in one place: its states ({@link RefundStatus}), every edge between them named for what
 * causes it, and the rules that pick an edge for an event. {@code RefundStore} refuses any write that is not an
 * edge here. Drawn in {@code docs/refund-machine.mmd}.
 *
 * <pre>
 * PROCESSING (the amount is reserved on the payment; the wallet has not given a final answer)
 * SUCCESS    (the wallet refunded the customer; the reservation stays, for good)
 * FAIL       (the wallet refused; the reservation is released in the same write)
 * </pre>
 */
public final class RefundMachine {

    public static final Edge<RefundStatus> REQUESTED = Edge.<RefundStatus>named("requested",
            "the refund, its request key and id pointer, and its amount reserved on the paid payment, in one transaction;"
                    + " due after the refund call's timeout").move(null, PROCESSING).build();
    public static final Edge<RefundStatus> REFUND_SENT = Edge.<RefundStatus>named("refundSent",
            "marked sent just before the wallet call (one caller sends it); due after the refund call's timeout")
            .stays(PROCESSING).build();
    public static final Edge<RefundStatus> WALLET_REFUNDED = Edge.<RefundStatus>named("walletRefunded",
            "result, wallet refund id, refund time; no longer due; the reservation stays").move(PROCESSING, SUCCESS).build();
    public static final Edge<RefundStatus> WALLET_REFUSED = Edge.<RefundStatus>named("walletRefused",
            "the wallet's result code; no longer due; the amount released on the payment in the same transaction")
            .move(PROCESSING, FAIL).build();
    public static final Edge<RefundStatus> NO_VERDICT_YET = Edge.<RefundStatus>named("noVerdictYet",
            "next inquiry after the refund check gap").stays(PROCESSING).build();
    public static final Edge<RefundStatus> CHECK_CLAIMED = Edge.<RefundStatus>named("checkClaimed",
            "next check moved past the wallet call about to be made, attempt counted; an unsent refund marked sent")
            .stays(PROCESSING).build();
    public static final Edge<RefundStatus> WALLET_MISSING = Edge.<RefundStatus>named("walletMissing",
            "next check in 5 minutes: the refund's wallet is not registered").stays(PROCESSING).build();
    public static final Edge<RefundStatus> FOLLOW_UP_DONE = Edge.<RefundStatus>named("followUpDone",
            "out of the due index: nothing left to do").stays(SUCCESS, FAIL).build();

    public static final Machine<Refund, RefundStatus> MACHINE = new Machine<>("illegal refund transition", RefundStatus.class,
            r -> Optional.of(r.status()),
            List.of(REQUESTED, REFUND_SENT, WALLET_REFUNDED, WALLET_REFUSED, NO_VERDICT_YET, CHECK_CLAIMED, WALLET_MISSING, FOLLOW_UP_DONE));

    private RefundMachine() {
    }

    /** The statuses a refund of status {@code from} can change to. */
    public static Set<RefundStatus> statusesAfter(RefundStatus from) {
        return MACHINE.changesOf(status -> status, from);
    }

    /** The wallet answered a refund call (the first or a repeat); a final refund takes no more answers. */
    public static Step<Refund> walletAnswered(Refund r, RefundOutcome outcome, Instant now) {
        if (r.status() != PROCESSING) {
            return Step.stay(r);
        }
        if (outcome instanceof RefundOutcome.Refunded refunded) {
            return WALLET_REFUNDED.to(r.toBuilder()
                    .status(SUCCESS)
                    .result(ResultCode.SUCCESS.name(), "success")
                    .walletRefundId(refunded.walletRefundId())
                    .unsent(false)
                    .refundTime(ReportedTime.clamp(refunded.refundTime(), r.createdAt(), now))
                    .nextCheckAt(null)
                    .updatedAt(now)
                    .build());
        }
        if (outcome instanceof RefundOutcome.Refused refused) {
            return WALLET_REFUSED.to(r.toBuilder()
                    .status(FAIL)
                    .result(refused.code(), refused.message())
                    .unsent(false)
                    .refundTime(now)
                    .nextCheckAt(null)
                    .updatedAt(now)
                    .build());
        }
        // Pending or Unknown: ask again after the next gap (an unsent refund has been sent now: ask, not send)
        return NO_VERDICT_YET.to(r.toBuilder()
                .unsent(false)
                .nextCheckAt(now.plus(FollowUpSchedule.refundCheckGap(r.checkCount())))
                .updatedAt(now)
                .build());
    }

    /**
     * Takes the refund's next check for this caller and counts it, so racing triggers make one wallet call. An unsent
     * refund's check sends it, so the claim is also its "sent" mark: a caller that dies after it leaves a refund that
     * may have reached the wallet, and the next check asks about it rather than taking an F as a verdict.
     */
    public static Step<Refund> claimCheck(Refund r, Instant now, Duration lease) {
        return CHECK_CLAIMED.to(r.toBuilder().unsent(false).nextCheckAt(now.plus(lease)).checkCount(r.checkCount() + 1)
                .updatedAt(now).build());
    }

    /**
     * The refund is about to be sent to its wallet: marked sent first, with one conditional write, so exactly one
     * caller (the first request, a repeat of it, the follow-up) sends it, and a refund still unsent is one the wallet
     * has certainly never seen. Stays for a refund already sent or final. As {@code PaymentMachine.paySending}.
     */
    public static Step<Refund> refundSending(Refund r, Instant now, Duration refundTimeout) {
        if (r.status() != PROCESSING || !r.unsent()) {
            return Step.stay(r);
        }
        // if this caller dies during the wallet call, the follow-up takes over after the call's timeout
        return REFUND_SENT.to(r.toBuilder().unsent(false).nextCheckAt(FollowUpSchedule.afterWalletCall(now, refundTimeout))
                .updatedAt(now).build());
    }

    /** The refund's wallet is not registered: look again after {@code retry}, if it is still due. */
    public static Step<Refund> walletMissing(Refund r, Instant now, Duration retry) {
        return r.status() == PROCESSING && r.isDue(now) ? WALLET_MISSING.to(r.toBuilder().nextCheckAt(now.plus(retry)).updatedAt(now).build()) : Step.stay(r);
    }

    /** A final refund still in the due index: taken out. */
    public static Step<Refund> followUpDone(Refund r, Instant now) {
        return r.nextCheckAt() == null || !r.status().isFinal() ? Step.stay(r)
                : FOLLOW_UP_DONE.to(r.toBuilder().nextCheckAt(null).updatedAt(now).build());
    }
}
