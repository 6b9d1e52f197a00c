package dev.scanpay.core.service.merchant;

import dev.scanpay.core.model.payment.PaymentIds;
import dev.scanpay.core.wire.AmsRefundView;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.service.followup.RefundFollowUp;
import dev.scanpay.core.service.followup.RefundLifecycle;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.service.merchant.RefundLookup;
import dev.scanpay.core.service.merchant.RefundRequest;
import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.rules.RefundRules;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.rules.RefundMachine;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.RefundStore.AlreadyRequested;
import dev.scanpay.core.store.RefundStore.Refused;
import dev.scanpay.core.store.RefundStore.Reserved;
import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.time.Clock;
import dev.scanpay.core.rules.FollowUpSchedule;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's refund operations: refund and inquiryRefund. A refund first reserves its amount on the
 * payment (one conditional transaction with the refund and its request key), unsent; then it is marked sent and
 * the wallet asked; S confirms it, F fails it and releases the amount, anything else leaves it PROCESSING for the
 * follow-up. One left unsent (the reservation's answer lost, or the caller stopped before the wallet call) is sent
 * by a repeat of the request, or by the follow-up once the call's timeout has passed, as a stranded pay is
 * ({@code Payment.payUnsent}).
 * Refusals are thrown as {@link ProtocolException} before anything is written.
 */
public final class MerchantRefunds {

    private static final Logger LOG = LoggerFactory.getLogger(MerchantRefunds.class);

    private final RefundStore refunds;
    private final PaymentStore payments;
    private final RefundLifecycle lifecycle;
    private final RefundFollowUp followUp;
    private final NotifyUrlRule notifyUrls;
    private final WalletDirectory wallets;
    private final WalletClient walletClient;
    private final WalletClient.WalletTimeouts timeouts;
    private final Clock clock;

    public MerchantRefunds(RefundStore refunds, PaymentStore payments, RefundLifecycle lifecycle, RefundFollowUp followUp,
                           WalletDirectory wallets, WalletClient walletClient, WalletClient.WalletTimeouts timeouts,
                           NotifyUrlRule notifyUrls, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.followUp = followUp;
        this.notifyUrls = notifyUrls;
        this.wallets = wallets;
        this.walletClient = walletClient;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    public Map<String, Object> refund(KnownClient caller, RefundRequest request) {
        return AmsRefundView.refundAnswer(place(caller, request));
    }

    /**
     * The refund itself, for any API that answers in its own words (the legacy gateway): the refund as it stands
     * after the wallet's answer, or the first one for a repeat. Refusals are thrown before anything is written.
     */
    public Refund place(KnownClient caller, RefundRequest request) {
        return place(caller, request, true);
    }

    /**
     * As {@link #place(KnownClient, RefundRequest)}; with {@code waitForWallet} false (the legacy API's
     * {@code is_sync=N}) the refund is reserved and answered PROCESSING at once, due now: the follow-up (the sweeper,
     * or a repeat of the request) sends it to the wallet and follows it to its verdict.
     */
    public Refund place(KnownClient caller, RefundRequest request, boolean waitForWallet) {
        // refused before anything is read or written, as a pay's notify URL is
        notifyUrls.require(caller.client(), "notify_url", request.notifyUrl());
        String clientId = caller.client().clientId();
        String hash = request.requestHash();
        var earlier = refunds.findRequest(clientId, request.refundRequestId());
        if (earlier.isPresent()) {
            return repeat(earlier.get(), hash);
        }
        Payment payment = payments.get(request.paymentId())
                .filter(p -> p.clientId().equals(clientId))
                .orElseThrow(() -> new ProtocolException(ResultCode.ORDER_NOT_EXIST, "no such payment"));
        Instant now = clock.instant();
        RefundRules.refusal(payment, request.amount(), now).ifPresent(refusal -> {
            throw refusal;
        });
        Wallet wallet = wallets.byId(payment.walletId()).orElseThrow(() -> new ProtocolException(ResultCode.PROCESS_FAIL,
                "the wallet that took this payment is not registered with the gateway any more"));
        Refund refund = Refund.builder()
                .refundId(PaymentIds.next(clock))
                .refundRequestId(request.refundRequestId())
                .clientId(clientId)
                .paymentId(payment.paymentId())
                .walletId(wallet.walletId())
                .amount(request.amount())
                .status(RefundStatus.PROCESSING)
                .referenceRefundId(request.referenceRefundId())
                .reason(request.reason())
                .createdAt(now)
                .updatedAt(now)
                // if this instance stops before or during the wallet call, the follow-up takes over after the call's
                // timeout; an is_sync=N refund (answered before any wallet call) is the follow-up's at once
                .nextCheckAt(waitForWallet ? FollowUpSchedule.afterWalletCall(now, timeouts.pay()) : now)
                // until marked sent just before the wallet call: one still unsent was never seen by the wallet
                .unsent(true)
                .notifyUrl(request.notifyUrl())
                .notifyFormat(request.notifyFormat())
                .build();
        RefundStore.Reservation reservation = refunds.reserve(refund, payment.amount().minor(), hash);
        if (reservation instanceof AlreadyRequested already) {
            return repeat(already.key(), hash);
        }
        if (reservation instanceof Refused refused) {
            // the payment changed since it was read (a racing refund took the rest, a cancel won): say why
            throw RefundRules.refusal(refused.payment(), request.amount(), now).orElseGet(() -> new ProtocolException(
                    ResultCode.REFUND_AMOUNT_EXCEED, "refunds would exceed the amount paid"));
        }
        Refund reserved = ((Reserved) reservation).refund();
        if (!waitForWallet) {
            return reserved;
        }
        return send(reserved, wallet, payment);
    }

    /**
     * Sends a refund that was reserved and never sent: marked sent first ({@link RefundMachine#refundSending}, one
     * conditional write), so of the first request, its repeats and the follow-up exactly one sends it. The caller
     * that loses answers the refund as stored (the winner is sending it).
     */
    private Refund send(Refund unsent, Wallet wallet, Payment payment) {
        Step<Refund> sending = RefundMachine.refundSending(unsent, clock.instant(), timeouts.pay());
        if (!sending.changes()) {
            return checkIfDueOrAsStored(unsent);
        }
        Optional<Refund> sent = lifecycle.claim(unsent, sending);
        if (sent.isEmpty()) {
            return refunds.get(unsent.paymentId(), unsent.refundId()).orElse(unsent);
        }
        RefundOutcome outcome = walletClient.refund(wallet, sent.get(), payment);
        if (outcome instanceof RefundOutcome.Unknown unknown) {
            LOG.warn("Refund {} of payment {}: no verdict from {}: {}", unsent.refundId(), payment.paymentId(),
                    wallet.walletId(), unknown.reason());
        }
        return lifecycle.apply(sent.get(), r -> RefundMachine.walletAnswered(r, outcome, clock.instant()));
    }

    public Map<String, Object> inquire(KnownClient caller, RefundLookup lookup) {
        String clientId = caller.client().clientId();
        var refund = lookup.refundId() != null
                ? refunds.byId(lookup.refundId())
                : refunds.findByRequest(clientId, lookup.refundRequestId());
        // another client's refund does not exist for this caller
        Refund found = refund.filter(r -> r.clientId().equals(clientId))
                .orElseThrow(() -> new ProtocolException(ResultCode.ORDER_NOT_EXIST, "no such refund"));
        return AmsRefundView.inquiryAnswer(checkIfDueOrAsStored(found));
    }

    private Refund repeat(RefundStore.RequestKey key, String hash) {
        if (!key.requestHash().equals(hash)) {
            throw new ProtocolException(ResultCode.REPEAT_REQ_INCONSISTENT, "refundRequestId " + key.refundRequestId()
                    + " was used for a different payment or amount; use a new id");
        }
        Refund first = refunds.get(key.paymentId(), key.refundId())
                .orElseThrow(() -> new IllegalStateException("refund request key without refund"));
        if (first.unsent() && first.status() == RefundStatus.PROCESSING) {
            // reserved but never sent (the first call's answer was lost, or it stopped before the wallet call): a
            // repeat is always safe, so it sends it now
            Optional<Wallet> wallet = wallets.byId(first.walletId());
            Optional<Payment> payment = payments.get(first.paymentId());
            if (wallet.isPresent() && payment.isPresent()) {
                return send(first, wallet.get(), payment.get());
            }
        }
        return checkIfDueOrAsStored(first);
    }

    /** Asks the wallet when the refund is due; if that fails, the stored state is still the truth to answer. */
    private Refund checkIfDueOrAsStored(Refund refund) {
        try {
            return followUp.checkIfDue(refund);
        } catch (RuntimeException e) {
            LOG.error("Follow-up of refund {} failed; answering from the stored state", refund.refundId(), e);
            return refunds.get(refund.paymentId(), refund.refundId()).orElse(refund);
        }
    }
}
