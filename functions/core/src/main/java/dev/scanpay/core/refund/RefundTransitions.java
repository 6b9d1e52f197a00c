package dev.scanpay.core.refund;

import dev.scanpay.core.lifecycle.FollowUpSchedule;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.wallet.RefundOutcome;
import dev.scanpay.core.wallet.ReportedTime;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of a refund's life as pure functions. A function returns its input unchanged when the event
 * changes nothing (a duplicate, a late answer about a final refund).
 */
public final class RefundTransitions {

    private RefundTransitions() {
    }

    /** The wallet answered a refund call (the first or a repeat). */
    public static Refund onWalletOutcome(Refund r, RefundOutcome outcome, Instant now) {
        if (r.status() != RefundStatus.PROCESSING) {
            return r;
        }
        if (outcome instanceof RefundOutcome.Refunded refunded) {
            return r.toBuilder()
                    .status(RefundStatus.SUCCESS)
                    .result(ResultCode.SUCCESS.name(), "success")
                    .walletRefundId(refunded.walletRefundId())
                    .refundTime(ReportedTime.clamp(refunded.refundTime(), r.createdAt(), now))
                    .nextCheckAt(null)
                    .updatedAt(now)
                    .build();
        }
        if (outcome instanceof RefundOutcome.Refused refused) {
            return r.toBuilder()
                    .status(RefundStatus.FAIL)
                    .result(refused.code(), refused.message())
                    .refundTime(now)
                    .nextCheckAt(null)
                    .updatedAt(now)
                    .build();
        }
        // Pending or Unknown: ask again after the next gap
        return r.toBuilder()
                .nextCheckAt(now.plus(FollowUpSchedule.refundCheckGap(r.checkCount())))
                .updatedAt(now)
                .build();
    }

    /** Takes the refund's next check for this caller and counts it, so racing triggers make one wallet call. */
    public static Refund claimCheck(Refund r, Instant now, Duration lease) {
        return r.toBuilder().nextCheckAt(now.plus(lease)).checkCount(r.checkCount() + 1).updatedAt(now).build();
    }
}
