package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.rules.RefundMachine;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.scanpay.core.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves refunds whose wallet answer is outstanding (U, no answer, an unverified answer): asks the wallet
 * again with the same refund request id until it says S or F; an unsent one (a legacy is_sync=N refund, or one whose
 * caller stopped or lost the answer between its reservation and its wallet call) is sent by its first check, whose
 * F is then a verdict: the wallet had never seen it. The sweeper, a merchant's inquiryRefund and
 * a repeated refund all come through here; every change is an edge of {@link RefundMachine}.
 */
public final class RefundFollowUp extends FollowUp<Refund> {

    private static final Logger LOG = LoggerFactory.getLogger(RefundFollowUp.class);

    private final PaymentStore payments;
    private final WalletClient walletClient;
    private final WalletClient.WalletTimeouts timeouts;
    private final Metrics metrics;

    public RefundFollowUp(RefundStore store, RefundLifecycle lifecycle, PaymentStore payments, WalletDirectory wallets,
                          WalletClient walletClient, WalletClient.WalletTimeouts timeouts, Clock clock, Metrics metrics) {
        super(new Kind<>("refund", Refund::refundId, Refund::walletId, store::due, r -> store.get(r.paymentId(), r.refundId()),
                RefundMachine::claimCheck, RefundMachine::walletMissing), lifecycle, wallets, clock);
        this.payments = payments;
        this.walletClient = walletClient;
        this.timeouts = timeouts;
        this.metrics = metrics;
    }

    @Override
    public Refund checkIfDue(Refund refund) {
        Instant now = clock.instant();
        if (!refund.isDue(now)) {
            return refund;
        }
        if (refund.status().isFinal()) {
            return lifecycle.apply(refund, r -> RefundMachine.followUpDone(r, now));
        }
        // an unsent refund's check is its first call, whose F is a verdict: no second sender may overlap it, so
        // the claim lasts the refund call's timeout and the margin for the claim's own write and the payment's read
        Duration lease = refund.unsent() ? timeouts.pay().plus(FollowUpSchedule.WALLET_CALL_MARGIN)
                : timeouts.inquiry().plusSeconds(1);
        return withClaimedCheck(refund, now, lease, (wallet, claimed) -> {
            Payment payment = payments.get(refund.paymentId()).orElse(null);
            // a refund never sent (the claim over it was its "sent" mark): its first call (the wallet takes a
            // repeat of the same refund request id as the same refund, but this is no repeat: its F is a verdict)
            RefundOutcome outcome = refund.unsent() && payment != null
                    ? walletClient.refund(wallet, claimed, payment)
                    : walletClient.inquireRefund(wallet, claimed, payment);
            if (outcome instanceof RefundOutcome.Unknown unknown) {
                LOG.warn("Refund {}: still no verdict from {} (check {}): {}", refund.refundId(), refund.walletId(),
                        claimed.checkCount(), unknown.reason());
            }
            boolean unresolved = outcome instanceof RefundOutcome.Unknown || outcome instanceof RefundOutcome.Pending;
            if (unresolved && FollowUpSchedule.becameOverdue(refund.createdAt(), FollowUpSchedule.REFUND_VERDICT_OVERDUE,
                    refund.updatedAt(), now)) {
                // counted once per refund for the template's RefundsWithoutVerdict alarm; the amount stays reserved and asked about
                metrics.count(Metrics.Name.REFUNDS_WITHOUT_VERDICT);
                LOG.warn("Refund {} of payment {} has no verdict from wallet {} after {} h; its amount stays reserved",
                        refund.refundId(), refund.paymentId(), refund.walletId(), FollowUpSchedule.REFUND_VERDICT_OVERDUE.toHours());
            }
            return lifecycle.apply(claimed, r -> RefundMachine.walletAnswered(r, outcome, clock.instant()));
        });
    }
}
