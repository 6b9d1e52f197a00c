package dev.scanpay.core.service.merchant;

import dev.scanpay.core.model.payment.PaymentIds;
import dev.scanpay.core.wire.AmsPaymentView;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.model.code.CashierLinks;
import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.service.followup.PaymentFollowUp;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentCodes;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.PaymentStore.AlreadyRequested;
import dev.scanpay.core.store.PaymentStore.Created;
import dev.scanpay.core.store.PaymentStore.RequestKey;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Clock;
import java.time.Instant;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.store.RefundStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's payment operations: pay (all three in-store scenarios), inquiryPayment, cancel. Each returns the AMS
 * answer body; inquiryPayment lists the payment's refunds (see {@link MerchantRefunds}) under {@code transactions}.
 * Refusals are thrown as {@link ProtocolException} before anything is written.
 */
public final class MerchantPayments {

    private static final Logger LOG = LoggerFactory.getLogger(MerchantPayments.class);

    private final PaymentStore store;
    private final RefundStore refunds;
    private final PaymentLifecycle lifecycle;
    private final PaymentFollowUp followUp;
    private final WalletDirectory wallets;
    private final WalletClient walletClient;
    private final WalletClient.WalletTimeouts timeouts;
    private final CodePayments codePayments;
    private final CodeUrls codeUrls;
    private final NotifyUrlRule notifyUrls;
    private final Clock clock;

    public MerchantPayments(PaymentStore store, RefundStore refunds, PaymentLifecycle lifecycle, PaymentFollowUp followUp,
                            WalletDirectory wallets, WalletClient walletClient,
                            WalletClient.WalletTimeouts timeouts, CodePayments codePayments, CodeUrls codeUrls,
                            NotifyUrlRule notifyUrls, Clock clock) {
        this.notifyUrls = notifyUrls;
        this.codePayments = codePayments;
        this.codeUrls = codeUrls;
        this.store = store;
        this.refunds = refunds;
        this.lifecycle = lifecycle;
        this.followUp = followUp;
        this.wallets = wallets;
        this.walletClient = walletClient;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    public Map<String, Object> pay(KnownClient caller, PayRequest request) {
        return answer(place(caller, request));
    }

    /**
     * The pay itself, for any API that answers in its own words (the legacy gateway): the payment as it stands
     * after the wallet's answer, or the first one for a repeat. Refusals are thrown before anything is written.
     */
    public Payment place(KnownClient caller, PayRequest request) {
        // refused before anything is read or written
        notifyUrls.require(caller.client(), request.notifyUrlField(), request.notifyUrl());
        String clientId = caller.client().clientId();
        if (!caller.client().mayActFor(request.order().referenceMerchantId())) {
            throw new ProtocolException(ResultCode.ACCESS_DENIED,
                    "client " + clientId + " may not act for merchant " + request.order().referenceMerchantId());
        }
        String hash = request.idempotencyHash();
        var earlier = store.findRequest(clientId, request.paymentRequestId());
        if (earlier.isPresent()) {
            return repeat(earlier.get(), hash, request);
        }
        if (request.scenario() != Scenario.USER_PRESENTED) {
            return createCodePayment(caller, request, hash);
        }
        Instant now = clock.instant();
        Instant deadline = expiry(request, now, FollowUpSchedule.DEFAULT_USER_PRESENTED_WINDOW,
                FollowUpSchedule.MAX_USER_PRESENTED_WINDOW);
        Wallet wallet = wallets.route(request.paymentCode()).orElseThrow(() -> new ProtocolException(
                ResultCode.INVALID_PAYMENT_CODE, "no wallet accepts this payment code; ask the customer to refresh it"));
        Payment payment = Payment.builder()
                .paymentId(PaymentIds.next(clock))
                .clientId(clientId)
                .paymentRequestId(request.paymentRequestId())
                .scenario(Scenario.USER_PRESENTED)
                .amount(request.amount())
                .status(PaymentStatus.PROCESSING)
                .order(request.order())
                .paymentCodeMask(PaymentCodes.mask(request.paymentCode()))
                .notifyUrl(request.notifyUrlFor(caller.client().notifyUrl()))
                .notifyFormat(request.notifyFormat())
                .walletId(wallet.walletId())
                .createdAt(now)
                .updatedAt(now)
                .expiresAt(deadline)
                .deadlineAt(deadline)
                // recorded before it is sent: if the answer to this write is lost, or this instance stops before
                // the wallet call, a repeat of the pay sends it (PaymentMachine.paySending)
                .payUnsent(true)
                .nextCheckAt(FollowUpSchedule.afterWalletCall(now, timeouts.pay()))
                .build();
        PaymentStore.Creation creation = store.create(payment, hash);
        if (creation instanceof AlreadyRequested already) {
            return repeat(already.key(), hash, request);
        }
        return send(((Created) creation).payment(), wallet, request.paymentCode());
    }

    /**
     * Sends a recorded user-presented pay to its wallet, if this caller is the one to mark it sent; otherwise
     * the payment as it stands (another caller sent it, or it was closed first).
     */
    private Payment send(Payment recorded, Wallet wallet, String paymentCode) {
        Optional<Payment> sending = markSent(recorded);
        if (sending.isEmpty()) {
            return checkIfDueOrAsStored(store.get(recorded.paymentId()).orElse(recorded));
        }
        WalletOutcome outcome = walletClient.pay(wallet, sending.get(), paymentCode);
        if (outcome instanceof WalletOutcome.Unknown unknown) {
            LOG.warn("Payment {}: no verdict from {} on pay: {}", recorded.paymentId(), wallet.walletId(), unknown.reason());
        }
        return lifecycle.apply(sending.get(),
                p -> PaymentMachine.walletAnswered(p, outcome, wallet.pspName(), clock.instant()));
    }

    /** Marks the pay sent with a conditional write; empty when it needs no sending or another caller marked it. */
    private Optional<Payment> markSent(Payment recorded) {
        Payment current = recorded;
        for (int attempt = 0; attempt < 3; attempt++) {
            Step<Payment> step = PaymentMachine.paySending(current, clock.instant(), timeouts.pay());
            if (!step.changes()) {
                return Optional.empty();
            }
            Optional<Payment> won = lifecycle.claim(current, step);
            if (won.isPresent()) {
                return won;
            }
            // lost to another write (the follow-up's, say): mark it on what is stored now, if it still needs sending
            current = store.get(recorded.paymentId()).orElse(current);
        }
        return Optional.empty();
    }

    /**
     * Order Code and Entry Code: a payment waiting for a customer's wallet, with the one-payment code that
     * leads to it. An entry-code payment's customer is already in a wallet's browser (its User-Agent says
     * which), so it also gets that wallet's cashier link.
     */
    private Payment createCodePayment(KnownClient caller, PayRequest request, String hash) {
        Instant now = clock.instant();
        String walletId = null;
        if (request.scenario() == Scenario.ENTRY_CODE) {
            walletId = wallets.byUserAgent(request.userAgent()).map(Wallet::walletId).orElseThrow(() ->
                    ProtocolException.paramIllegal("order.env.userAgent", "is not the browser of a wallet that takes entry-code payments"));
        }
        Instant expiry = expiry(request, now, FollowUpSchedule.DEFAULT_ORDER_CODE_WINDOW, FollowUpSchedule.MAX_ORDER_CODE_WINDOW);
        var spec = new CodePayments.NewCodePayment(caller.client().clientId(), request.paymentRequestId(), request.scenario(),
                request.amount(), request.order(), request.notifyUrlFor(caller.client().notifyUrl()),
                request.redirectUrl(), walletId, expiry);
        PaymentStore.Creation creation = codePayments.create(spec, hash);
        if (creation instanceof AlreadyRequested already) {
            return repeat(already.key(), hash, request);
        }
        return ((Created) creation).payment();
    }

    /** The pay answer for a payment in any scenario. */
    private Map<String, Object> answer(Payment p) {
        if (p.scenario() == Scenario.ENTRY_CODE) {
            String cashier = wallets.byId(p.walletId()).filter(Wallet::takesEntryCodes)
                    .map(w -> CashierLinks.of(w, codeUrls.codeValue(p.codeToken()))).orElse(null);
            return AmsPaymentView.entryCodeAnswer(p, cashier);
        }
        return AmsPaymentView.payAnswer(p, codeUrls);
    }

    public Map<String, Object> inquire(KnownClient caller, PaymentLookup lookup) {
        Payment payment = current(caller, lookup);
        // only a payment that was paid can have refunds: the others cost no Query
        List<Refund> paymentRefunds = payment.paymentTime() == null ? List.of() : refunds.byPayment(payment.paymentId());
        return AmsPaymentView.inquiryAnswer(payment, paymentRefunds);
    }

    /** The caller's payment as it stands, asking the wallet first when it is due (inquiryPayment, legacy query). */
    public Payment current(KnownClient caller, PaymentLookup lookup) {
        return checkIfDueOrAsStored(find(caller, lookup));
    }

    /** Asks the wallet when the payment is due; if that fails, the stored state is still the truth to answer. */
    private Payment checkIfDueOrAsStored(Payment payment) {
        try {
            return followUp.checkIfDue(payment);
        } catch (RuntimeException e) {
            LOG.error("Follow-up of payment {} failed; answering from the stored state", payment.paymentId(), e);
            return store.get(payment.paymentId()).orElse(payment);
        }
    }

    public Map<String, Object> cancel(KnownClient caller, PaymentLookup lookup) {
        return AmsPaymentView.cancelAnswer(cancelPayment(caller, find(caller, lookup)));
    }

    /**
     * Cancels the caller's payment (found with {@link #current} or the lookup): the payment as it stands after,
     * for an API that answers in its own words.
     */
    public Payment cancelPayment(KnownClient caller, Payment payment) {
        if (!payment.clientId().equals(caller.client().clientId())) {
            throw new ProtocolException(ResultCode.ORDER_NOT_EXIST, "no such payment");
        }
        if (payment.status() == PaymentStatus.FAIL) {
            // nothing was charged and nothing can be any more: the cancel is already true
            return payment.toBuilder().cancelTime(clock.instant()).build();
        }
        Instant now = clock.instant();
        Payment cancelled = lifecycle.apply(payment, p -> PaymentMachine.merchantCancels(p, now));
        if (cancelled.cancelState() == CancelState.PENDING && cancelled.isDue(clock.instant())) {
            cancelled = followUp.attemptCancel(cancelled);
        }
        return cancelled;
    }

    /**
     * A repeat of a pay: the first one's result. A user-presented pay that was recorded but never sent (the first
     * call's answer was lost, or it stopped before the wallet call) is sent now, with the code this repeat
     * carries (the same code: the request hash covers it), as Alipay's rules say a repeat is always safe.
     */
    private Payment repeat(RequestKey key, String hash, PayRequest request) {
        if (!key.requestHash().equals(hash)) {
            throw new ProtocolException(ResultCode.REPEAT_REQ_INCONSISTENT,
                    "paymentRequestId " + key.paymentRequestId() + " was used with a different amount, currency, scenario or code; use a new id");
        }
        Payment first = store.get(key.paymentId()).orElseThrow(() -> new IllegalStateException("request key without payment"));
        if (first.payUnsent() && first.status() == PaymentStatus.PROCESSING && request.scenario() == Scenario.USER_PRESENTED) {
            Optional<Wallet> wallet = wallets.byId(first.walletId());
            if (wallet.isPresent()) {
                return send(first, wallet.get(), request.paymentCode());
            }
        }
        return checkIfDueOrAsStored(first);
    }

    private Payment find(KnownClient caller, PaymentLookup lookup) {
        return lookup.findFor(caller.client().clientId(), store);
    }

    private static Instant expiry(PayRequest request, Instant now, java.time.Duration byDefault, java.time.Duration maximum) {
        if (request.expiryTime() == null) {
            return now.plus(byDefault);
        }
        if (!request.expiryTime().isAfter(now)) {
            throw ProtocolException.paramIllegal("paymentExpiryTime", "must be in the future");
        }
        // later than the maximum (a POS sending "10 minutes" with its clock a second ahead): the maximum
        Instant latest = now.plus(maximum);
        return request.expiryTime().isAfter(latest) ? latest : request.expiryTime();
    }
}
