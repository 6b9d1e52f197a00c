package dev.scanpay.core.lifecycle;

import dev.scanpay.core.payment.CancelState;
import dev.scanpay.core.payment.ClosedBy;
import dev.scanpay.core.payment.Payment;
import dev.scanpay.core.payment.PaymentStatus;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.wallet.Wallet;
import dev.scanpay.core.wallet.WalletClient;
import dev.scanpay.core.wallet.WalletDirectory;
import dev.scanpay.core.wallet.WalletOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what a payment is due for: inquire at the wallet, cancel it when its deadline has passed, retry a
 * cancel the wallet has not confirmed. The same code runs for the sweeper, a merchant's inquiry and a
 * repeated pay; each check is first claimed with a conditional write, so racing triggers make one wallet
 * call per check, not one each.
 */
public final class PaymentFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentFollowUp.class);
    private static final Duration MISSING_WALLET_RETRY = Duration.ofMinutes(5);

    private final PaymentStore store;
    private final PaymentLifecycle lifecycle;
    private final WalletDirectory wallets;
    private final WalletClient walletClient;
    private final WalletClient.WalletTimeouts timeouts;
    private final Clock clock;

    public PaymentFollowUp(PaymentStore store, PaymentLifecycle lifecycle, WalletDirectory wallets,
                           WalletClient walletClient, WalletClient.WalletTimeouts timeouts, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.wallets = wallets;
        this.walletClient = walletClient;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /** Handles every payment due now, up to {@code limit} per due-index shard; returns how many it handled. */
    public int sweep(int limit) {
        List<Payment> due = store.due(clock.instant(), limit);
        for (Payment payment : due) {
            try {
                checkIfDue(payment);
            } catch (RuntimeException e) {
                LOG.error("Follow-up of payment {} failed; it stays due", payment.paymentId(), e);
            }
        }
        return due.size();
    }

    /** Returns the payment as it stands afterwards; does nothing unless it is due. */
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
            return lifecycle.apply(payment, p -> p.status() != PaymentStatus.CREATED || !p.isDue(now) ? p
                    : p.deadlineAt() != null && now.isBefore(p.deadlineAt())
                            ? p.toBuilder().nextCheckAt(p.deadlineAt()).updatedAt(now).build()
                            : PaymentTransitions.cancel(p, ClosedBy.TIMEOUT, now));
        }
        if (payment.status() == PaymentStatus.PROCESSING) {
            if (payment.deadlineAt() != null && !now.isBefore(payment.deadlineAt())) {
                Payment closed = lifecycle.apply(payment, p -> p.status() == PaymentStatus.PROCESSING
                        ? PaymentTransitions.cancel(p, ClosedBy.TIMEOUT, now) : p);
                if (closed.status() == PaymentStatus.CANCELLED && closed.closedBy() == ClosedBy.TIMEOUT
                        && now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).equals(closed.cancelTime())
                        && payment.status() == PaymentStatus.PROCESSING) {
                    // the template's PaymentsPastDeadline alarm counts this line: written once, by whoever closed it
                    LOG.warn("Payment {} passed its deadline without a result from wallet {}; cancelling it",
                            closed.paymentId(), closed.walletId());
                }
                // only if still due: another sweeper may hold this cancel's claim already
                return closed.cancelState() == CancelState.PENDING && closed.isDue(clock.instant()) ? attemptCancel(closed) : closed;
            }
            return inquire(payment, now);
        }
        // nothing left to do for it: take it out of the due index
        return lifecycle.apply(payment, p -> p.nextCheckAt() == null || p.cancelState() == CancelState.PENDING
                || p.status() == PaymentStatus.PROCESSING ? p : p.toBuilder().nextCheckAt(null).updatedAt(now).build());
    }

    private Payment inquire(Payment payment, Instant now) {
        Optional<Wallet> wallet = wallets.byId(payment.walletId());
        if (wallet.isEmpty()) {
            return parkForMissingWallet(payment, now);
        }
        Optional<Payment> claimed = lifecycle.claim(payment,
                PaymentTransitions.claimCheck(payment, now, timeouts.inquiry().plusSeconds(1)));
        if (claimed.isEmpty()) {
            return store.get(payment.paymentId()).orElse(payment);
        }
        WalletOutcome outcome = walletClient.inquire(wallet.get(), claimed.get());
        return lifecycle.apply(claimed.get(),
                p -> PaymentTransitions.onWalletOutcome(p, outcome, wallet.get().pspName(), clock.instant()));
    }

    /** One attempt to have the wallet confirm a cancel; retried on the cancel schedule until it does. */
    public Payment attemptCancel(Payment payment) {
        Instant now = clock.instant();
        Optional<Wallet> wallet = wallets.byId(payment.walletId());
        if (wallet.isEmpty()) {
            return parkForMissingWallet(payment, now);
        }
        Optional<Payment> claimed = lifecycle.claim(payment,
                PaymentTransitions.claimCheck(payment, now, timeouts.cancel().plusSeconds(1)));
        if (claimed.isEmpty()) {
            return store.get(payment.paymentId()).orElse(payment);
        }
        WalletOutcome outcome = walletClient.cancel(wallet.get(), claimed.get());
        Instant after = clock.instant();
        if (!(outcome instanceof WalletOutcome.Cancelled)) {
            LOG.warn("Cancel of payment {} not confirmed by {} (attempt {}): {}", payment.paymentId(),
                    payment.walletId(), claimed.get().checkCount(), outcome);
            if (payment.cancelTime() != null && FollowUpSchedule.becameOverdue(payment.cancelTime(),
                    FollowUpSchedule.CANCEL_CONFIRMATION_OVERDUE, payment.updatedAt(), now)) {
                // the template's CancelsUnconfirmed alarm counts this line; the cancel goes on being retried
                LOG.warn("Cancel of payment {} is unconfirmed by wallet {} after {} min; still retrying",
                        payment.paymentId(), payment.walletId(), FollowUpSchedule.CANCEL_CONFIRMATION_OVERDUE.toMinutes());
            }
        }
        Instant lateSuccessAtClaim = claimed.get().lateSuccessAt();
        return lifecycle.apply(claimed.get(),
                p -> PaymentTransitions.onCancelAttempt(p, outcome, lateSuccessAtClaim, after));
    }

    private Payment parkForMissingWallet(Payment payment, Instant now) {
        LOG.error("Payment {} needs wallet {} which is not registered", payment.paymentId(), payment.walletId());
        return lifecycle.apply(payment, p -> p.isDue(now)
                ? p.toBuilder().nextCheckAt(now.plus(MISSING_WALLET_RETRY)).updatedAt(now).build() : p);
    }
}
