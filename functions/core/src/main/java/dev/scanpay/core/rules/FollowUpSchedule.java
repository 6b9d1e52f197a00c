package dev.scanpay.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When the gateway looks at an unresolved payment again. Written down in one place so the sweeper, a
 * merchant's inquiry and a wallet callback all follow the same timetable.
 *
 * <ul>
 *   <li>Inquiry of a user-presented payment the wallet has not settled: every 3 s for the first ten
 *       tries (Alipay's best practice: 10-20 inquiries at 3 s), then 5 s, 10 s, 15 s, 30 s.</li>
 *   <li>Past the payment's deadline (its paymentExpiryTime, by default 2 minutes after pay) it is
 *       cancelled instead.</li>
 *   <li>A cancel the wallet has not confirmed is retried at 2, 3, 3, 5, 5, 10, 30, 60 s, then every
 *       5 minutes, until it is.</li>
 *   <li>A refund the wallet has not answered finally (U, no answer, an unverified answer) is asked again,
 *       with the same refund request id, at 3, 5, 10, 30, 60, 120, 300, 600 s, 30 min, then every hour,
 *       until the wallet gives S or a failure that proves nothing was refunded. There is no deadline: the customer
 *       may already have the money; after a day without a verdict it is logged for the RefundsWithoutVerdict alarm.</li>
 *   <li>A paid payment can be cancelled (reversed in full) until 00:15 UTC+8 of the day after it was
 *       paid, the window Antom documents; after that it takes a refund.</li>
 * </ul>
 */
public final class FollowUpSchedule {

    public static final Duration DEFAULT_USER_PRESENTED_WINDOW = Duration.ofMinutes(2);

    /**
     * Between the instant a record is stamped for a wallet call and the call's start: the write that stamps it and a
     * read before the call, each up to the DynamoDB client's call timeout (3 s as deployed), and a second of slack.
     * {@code BudgetsFitTimeoutsTest} checks it covers every function's configured DynamoDB call timeout.
     */
    public static final Duration WALLET_CALL_MARGIN = Duration.ofSeconds(7);

    /**
     * When a record whose wallet call is being made now comes due for the follow-up (or a claim over it ends): after
     * the call's timeout and {@link #WALLET_CALL_MARGIN}, so nobody else makes the call while this one may still be
     * waiting for the wallet.
     */
    public static Instant afterWalletCall(Instant now, Duration callTimeout) {
        return now.plus(callTimeout).plus(WALLET_CALL_MARGIN);
    }
    public static final Duration MAX_USER_PRESENTED_WINDOW = Duration.ofMinutes(10);
    /** Order codes: Antom's pages disagree (3 min, 10 min); 5 minutes unless paymentExpiryTime says otherwise. */
    public static final Duration DEFAULT_ORDER_CODE_WINDOW = Duration.ofMinutes(5);
    /** The old OC page: an order code's expiry must be under 30 minutes. */
    public static final Duration MAX_ORDER_CODE_WINDOW = Duration.ofMinutes(30);

    /**
     * After a wallet resolves a code, the customer is reading and confirming the order: the first inquiry
     * (for a notifyPayment that may be lost) waits this long, then the usual gaps apply.
     */
    public static final Duration SCANNED_FIRST_CHECK = Duration.ofSeconds(10);

    /**
     * A refund still without a verdict this long after it was asked for, or a cancel the wallet has not confirmed
     * this long after it was decided, is logged once for the template's alarms: the follow-up goes on (the money
     * may have moved), but a person should look at the wallet.
     */
    public static final Duration REFUND_VERDICT_OVERDUE = Duration.ofHours(24);
    public static final Duration CANCEL_CONFIRMATION_OVERDUE = Duration.ofHours(1);

    private static final long[] INQUIRY_GAPS_S = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 10, 10, 15, 15, 30};
    private static final long[] CANCEL_GAPS_S = {2, 3, 3, 5, 5, 10, 30, 60, 300};
    private static final long[] REFUND_GAPS_S = {3, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};
    private static final ZoneOffset CANCEL_DAY_ZONE = ZoneOffset.ofHours(8);
    private static final LocalTime CANCEL_CUTOFF = LocalTime.of(0, 15);

    private FollowUpSchedule() {
    }

    /** Gap before inquiry number {@code done + 1}, after {@code done} inquiries. */
    public static Duration inquiryGap(int done) {
        return Duration.ofSeconds(INQUIRY_GAPS_S[Math.min(done, INQUIRY_GAPS_S.length - 1)]);
    }

    /** Gap before cancel attempt number {@code done + 1}. */
    public static Duration cancelGap(int done) {
        return Duration.ofSeconds(CANCEL_GAPS_S[Math.min(done, CANCEL_GAPS_S.length - 1)]);
    }

    /** Gap before refund check number {@code done + 1}, after {@code done} checks. */
    public static Duration refundCheckGap(int done) {
        return Duration.ofSeconds(REFUND_GAPS_S[Math.min(done, REFUND_GAPS_S.length - 1)]);
    }

    /**
     * Whether a check made at {@code now}, the first since {@code lastCheckedAt}, is the first past {@code since +
     * overdueAfter}: true for exactly one check, so the overdue line is written once.
     */
    public static boolean becameOverdue(Instant since, Duration overdueAfter, Instant lastCheckedAt, Instant now) {
        Instant overdueAt = since.plus(overdueAfter);
        return lastCheckedAt != null && lastCheckedAt.isBefore(overdueAt) && !now.isBefore(overdueAt);
    }

    /** The last moment a payment made at {@code paidAt} may be cancelled rather than refunded. */
    public static Instant cancelWindowEnd(Instant paidAt) {
        ZonedDateTime paidDay = paidAt.atZone(CANCEL_DAY_ZONE);
        return paidDay.toLocalDate().plusDays(1).atTime(CANCEL_CUTOFF).atZone(CANCEL_DAY_ZONE).toInstant();
    }
}
