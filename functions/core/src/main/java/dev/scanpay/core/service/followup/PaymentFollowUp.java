package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.scanpay.core.observe.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what a payment is due for: inquire at the wallet, cancel it when its deadline has passed, retry a
 * cancel the wallet has not confirmed. The same code runs for the sweeper, a merchant's inquiry and a
 * repeated pay; every change is an edge of {@link PaymentMachine}.
 */
public final class PaymentFollowUp extends FollowUp<Payment> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentFollowUp.class);

    private final WalletClient walletClient;
    private final WalletClient.WalletTimeouts timeouts;
    private final Metrics metrics;

    public PaymentFollowUp(PaymentStore store, PaymentLifecycle lifecycle, WalletDirectory wallets,
                           WalletClient walletClient, WalletClient.WalletTimeouts timeouts, Clock clock, Metrics metrics) {
        super(new Kind<>("payment", Payment::paymentId, Payment::walletId, store::due, p -> store.get(p.paymentId()),
                PaymentMachine::claimCheck, PaymentMachine::walletMissing), lifecycle, wallets, clock);
        this.walletClient = walletClient;
        this.timeouts = timeouts;
        this.metrics = metrics;
    }

    @Override
    public Payment checkIfDue(Payment payment) {
        Instant now = clock.instant();
        if (!payment.isDue(now)) {
            return payment;
        }
        if (payment.cancelState() == CancelState.PENDING) {
            return attemptCancel(payment);
        }
        if (payment.status() == PaymentStatus.CREATED) {
            // an order code nobody has scanned: it closes at its expiry, which is when it comes due
            return lifecycle.apply(payment, p -> PaymentMachine.codeExpiryDue(p, now));
        }
        if (payment.status() == PaymentStatus.PROCESSING) {
            if (payment.deadlineAt() != null && !now.isBefore(payment.deadlineAt())) {
                return closeAtDeadline(payment, now);
            }
            if (payment.payUnsent()) {
                // recorded but never sent: its wallet has nothing to say about it (a repeat of the pay sends it)
                return lifecycle.apply(payment, p -> PaymentMachine.unsentPayDue(p, now));
            }
            return withClaimedCheck(payment, now, timeouts.inquiry().plusSeconds(1), (wallet, claimed) -> {
                WalletOutcome outcome = walletClient.inquire(wallet, claimed);
                return lifecycle.apply(claimed, p -> PaymentMachine.walletAnswered(p, outcome, wallet.pspName(), clock.instant()));
            });
        }
        // nothing left to do for it: take it out of the due index
        return lifecycle.apply(payment, p -> PaymentMachine.followUpDone(p, now));
    }

    private Payment closeAtDeadline(Payment payment, Instant now) {
        Payment closed = lifecycle.apply(payment, p -> PaymentMachine.deadlinePassed(p, now));
        if (closed.status() == PaymentStatus.CANCELLED && closed.closedBy() == ClosedBy.TIMEOUT
                && now.truncatedTo(ChronoUnit.MILLIS).equals(closed.cancelTime())) {
            // counted (and logged) once, by whoever closed it; the template's PaymentsPastDeadline alarm
            metrics.count(Metrics.Name.PAYMENTS_PAST_DEADLINE);
            LOG.warn("Payment {} passed its deadline without a result from wallet {}; cancelling it",
                    closed.paymentId(), closed.walletId());
        }
        // only if still due: another sweeper may hold this cancel's claim already
        return closed.cancelState() == CancelState.PENDING && closed.isDue(clock.instant()) ? attemptCancel(closed) : closed;
    }

    /** One attempt to have the wallet confirm a cancel; retried on the cancel schedule until it does. */
    public Payment attemptCancel(Payment payment) {
        Instant now = clock.instant();
        return withClaimedCheck(payment, now, timeouts.cancel().plusSeconds(1), (wallet, claimed) -> {
            WalletOutcome outcome = walletClient.cancel(wallet, claimed);
            Instant after = clock.instant();
            if (!(outcome instanceof WalletOutcome.Cancelled)) {
                LOG.warn("Cancel of payment {} not confirmed by {} (attempt {}): {}", payment.paymentId(),
                        payment.walletId(), claimed.checkCount(), outcome);
                if (payment.cancelTime() != null && FollowUpSchedule.becameOverdue(payment.cancelTime(),
                        FollowUpSchedule.CANCEL_CONFIRMATION_OVERDUE, payment.updatedAt(), now)) {
                    // counted once per cancel for the template's CancelsUnconfirmed alarm; the cancel goes on being retried
                    metrics.count(Metrics.Name.CANCELS_UNCONFIRMED);
                    LOG.warn("Cancel of payment {} is unconfirmed by wallet {} after {} min; still retrying",
                            payment.paymentId(), payment.walletId(), FollowUpSchedule.CANCEL_CONFIRMATION_OVERDUE.toMinutes());
                }
            }
            Instant lateSuccessAtClaim = claimed.lateSuccessAt();
            return lifecycle.apply(claimed, p -> PaymentMachine.cancelAttempted(p, outcome, lateSuccessAtClaim, after));
        });
    }
}
