package dev.scanpay.core.service.wallet;

import dev.scanpay.core.model.wallet.RefundOutcome;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.rules.WalletAnswerTies;
import dev.scanpay.core.rules.WalletVerdicts;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.service.wallet.WalletCall.Answer;
import dev.scanpay.core.service.wallet.WalletCall.NoAnswer;
import dev.scanpay.core.service.wallet.WalletCall.Verified;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import dev.scanpay.core.rules.WalletVerdicts.Attempt;
import dev.scanpay.core.rules.WalletVerdicts.Failed;
import dev.scanpay.core.rules.WalletVerdicts.Operation;
import dev.scanpay.core.rules.WalletVerdicts.Unresolved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of Alipay+ toward a wallet (MPP): pay, inquiryPayment, cancelPayment and refund, with
 * the wallet's answers turned into {@link WalletOutcome}s and {@link RefundOutcome}s. The wallet knows a
 * payment by our paymentId, which it sees as its paymentRequestId, and a refund by our refundId, which it
 * sees as its refundRequestId.
 */
public final class WalletClient {

    private static final Logger LOG = LoggerFactory.getLogger(WalletClient.class);

    public static final String PAY = "/payments/pay";
    public static final String INQUIRY = "/payments/inquiryPayment";
    public static final String CANCEL = "/payments/cancelPayment";
    public static final String REFUND = "/payments/refund";

    private final WalletCall call;
    private final WalletTimeouts timeouts;
    private final String acquirerId;
    private final String notifyUrl;
    private final Metrics metrics;

    /**
     * @param acquirerId the gateway's id at the wallets (also its Client-Id)
     * @param notifyUrl  where wallets post notifyPayment for payments we send them
     */
    public WalletClient(WalletCall call, WalletTimeouts timeouts, String acquirerId, String notifyUrl, Metrics metrics) {
        this.call = call;
        this.timeouts = timeouts;
        this.acquirerId = acquirerId;
        this.notifyUrl = notifyUrl;
        this.metrics = metrics;
    }

    public WalletOutcome pay(Wallet wallet, Payment payment, String paymentCode) {
        Map<String, Object> request = JsonObject.create()
                .put("acquirerId", acquirerId)
                .put("pspId", wallet.walletId())
                .put("paymentRequestId", payment.paymentId())
                .put("paymentAmount", AmsWire.amount(payment.amount()))
                .put("payToAmount", AmsWire.amount(payment.amount()))
                .put("paymentMethod", JsonObject.create()
                        .put("paymentMethodType", "CONNECT_WALLET")
                        .put("paymentMethodId", paymentCode))
                .put("paymentFactor", JsonObject.create()
                        .put("isInStorePayment", "true")
                        .put("inStorePaymentScenario", payment.scenario().wireName()))
                .put("order", AmsWire.order(payment.order(), payment.amount()))
                .put("paymentExpiryTime", payment.deadlineAt() == null ? null : AmsWire.time(payment.deadlineAt()))
                .put("paymentNotifyUrl", notifyUrl)
                .build();
        WalletCall.Reply reply = call.post(wallet, PAY, request, timeouts.pay());
        if (reply instanceof NoAnswer none) {
            return new WalletOutcome.Unknown(none.reason());
        }
        Answer answer = ((Verified) reply).answer();
        Optional<String> mismatch = WalletAnswerTies.mismatch(payment, answer.body());
        if (mismatch.isPresent()) {
            metrics.count(Metrics.Name.WALLET_ANSWER_MISMATCH);
            return WalletAnswerTies.unknown(wallet, "pay", payment, mismatch.get());
        }
        if (answer.result().resultStatus() == ResultStatus.F) {
            // the pay request is sent once: its F is the wallet's first word on it
            return declinedOrUnknown(WalletVerdicts.onFailure(Operation.PAYMENT, Attempt.FIRST, answer.result()));
        }
        return paymentOutcome(answer.result(), answer.body());
    }

    public WalletOutcome inquire(Wallet wallet, Payment payment) {
        Map<String, Object> request = JsonObject.create()
                .put("acquirerId", acquirerId)
                .put("pspId", wallet.walletId())
                .put("paymentRequestId", payment.paymentId())
                .build();
        WalletCall.Reply reply = call.post(wallet, INQUIRY, request, timeouts.inquiry());
        if (reply instanceof NoAnswer none) {
            return new WalletOutcome.Unknown(none.reason());
        }
        Answer answer = ((Verified) reply).answer();
        Optional<String> mismatch = WalletAnswerTies.mismatch(payment, answer.body());
        if (mismatch.isPresent()) {
            metrics.count(Metrics.Name.WALLET_ANSWER_MISMATCH);
            return WalletAnswerTies.unknown(wallet, "inquiryPayment", payment, mismatch.get());
        }
        return inquiryOutcome(answer);
    }

    public WalletOutcome cancel(Wallet wallet, Payment payment) {
        Map<String, Object> request = JsonObject.create()
                .put("acquirerId", acquirerId)
                .put("pspId", wallet.walletId())
                .put("paymentRequestId", payment.paymentId())
                .build();
        WalletCall.Reply reply = call.post(wallet, CANCEL, request, timeouts.cancel());
        if (reply instanceof NoAnswer none) {
            return new WalletOutcome.Unknown(none.reason());
        }
        Result result = ((Verified) reply).answer().result();
        // a wallet must accept every cancel; anything but S is retried
        return WalletVerdicts.cancelConfirmed(result) ? new WalletOutcome.Cancelled()
                : new WalletOutcome.Unknown("cancel answered " + result.resultCode());
    }

    /** Asks the wallet to refund, the first time; waits as long as a pay (the merchant is waiting for the answer). */
    public RefundOutcome refund(Wallet wallet, Refund refund, Payment payment) {
        return refundCall(wallet, refund, payment, timeouts.pay(), Attempt.FIRST);
    }

    /**
     * Where a refund stands at the wallet. Alipay+ gives the acquirer no refund inquiry toward a wallet, but a
     * wallet's refund is idempotent on refundRequestId: the same request again answers where that refund
     * stands, and makes it if the first call never arrived. So the inquiry is the same refund request again,
     * and its F proves less than a first answer's (see {@link WalletVerdicts}).
     */
    public RefundOutcome inquireRefund(Wallet wallet, Refund refund, Payment payment) {
        return refundCall(wallet, refund, payment, timeouts.inquiry(), Attempt.REPEAT);
    }

    private RefundOutcome refundCall(Wallet wallet, Refund refund, Payment payment, Duration timeout, Attempt attempt) {
        Map<String, Object> request = JsonObject.create()
                .put("acquirerId", acquirerId)
                .put("pspId", wallet.walletId())
                .put("refundRequestId", refund.refundId())
                .put("paymentRequestId", refund.paymentId())
                .put("paymentId", payment == null ? null : payment.walletPaymentId())
                .put("refundAmount", AmsWire.amount(refund.amount()))
                .put("refundReason", refund.reason())
                .build();
        WalletCall.Reply reply = call.post(wallet, REFUND, request, timeout);
        if (reply instanceof NoAnswer none) {
            return new RefundOutcome.Unknown(none.reason());
        }
        return refundOutcome(((Verified) reply).answer(), refund, attempt);
    }

    /** Reads a verified refund answer; one about another refund or amount is no answer. */
    RefundOutcome refundOutcome(Answer answer, Refund refund, Attempt attempt) {
        Object refundRequestId = answer.body().get("refundRequestId");
        if (refundRequestId != null && !refund.refundId().equals(String.valueOf(refundRequestId))) {
            LOG.warn("Wallet {} answered refund {} about another refund ({}); not taken as an answer",
                    refund.walletId(), refund.refundId(), clip(String.valueOf(refundRequestId), 64));
            metrics.count(Metrics.Name.WALLET_ANSWER_MISMATCH);
            return new RefundOutcome.Unknown("the answer is about another refund");
        }
        Object refundAmount = answer.body().get("refundAmount");
        if (refundAmount != null && !WalletAnswerTies.sameAmount(refund.amount(), refundAmount)) {
            LOG.warn("Wallet answer mismatch: {} answered refund {} for another amount; not taken as an answer",
                    refund.walletId(), refund.refundId());
            metrics.count(Metrics.Name.WALLET_ANSWER_MISMATCH);
            return new RefundOutcome.Unknown("the answer is for another amount or currency");
        }
        Result result = answer.result();
        return switch (result.resultStatus()) {
            case S -> new RefundOutcome.Refunded(text(answer.body().get("refundId")), time(answer.body().get("refundTime")));
            case U -> new RefundOutcome.Pending(result.resultCode());
            case F -> WalletVerdicts.onFailure(Operation.REFUND, attempt, result) instanceof Failed failed
                    ? new RefundOutcome.Refused(failed.code(), failed.message())
                    : new RefundOutcome.Unknown("refund answered F " + result.resultCode() + ", which proves nothing");
        };
    }

    private static WalletOutcome inquiryOutcome(Answer answer) {
        Result result = answer.result();
        if (result.resultStatus() == ResultStatus.F && "ORDER_NOT_EXIST".equals(result.resultCode())) {
            return new WalletOutcome.NotFound();
        }
        if (!result.isSuccess()) {
            return new WalletOutcome.Unknown("inquiry answered " + result.resultCode());
        }
        Object paymentResult = answer.body().get("paymentResult");
        if (!(paymentResult instanceof Map<?, ?> pr)) {
            return new WalletOutcome.Unknown("inquiry answer has no paymentResult");
        }
        Result payment;
        try {
            payment = new Result(String.valueOf(pr.get("resultCode")), ResultStatus.valueOf(String.valueOf(pr.get("resultStatus"))),
                    pr.get("resultMessage") == null ? null : String.valueOf(pr.get("resultMessage")));
        } catch (IllegalArgumentException e) {
            return new WalletOutcome.Unknown("inquiry answer has a malformed paymentResult");
        }
        return paymentOutcome(payment, answer.body());
    }

    /**
     * Reads a payment result the wallet reports as the payment's own (an inquiry's paymentResult, a
     * notifyPayment): F is final, with its code checked so the merchant only ever sees a decline.
     */
    public static WalletOutcome paymentOutcome(Result result, Map<String, Object> body) {
        return switch (result.resultStatus()) {
            case S -> new WalletOutcome.Paid(text(body.get("paymentId")), time(body.get("paymentTime")),
                    text(body.get("customerId")));
            case F -> declined(WalletVerdicts.paymentFailed(result));
            case U -> new WalletOutcome.Pending(result.resultMessage());
        };
    }

    private static WalletOutcome declinedOrUnknown(WalletVerdicts.Verdict verdict) {
        return verdict instanceof Failed failed ? declined(failed) : new WalletOutcome.Unknown(((Unresolved) verdict).reason());
    }

    private static WalletOutcome.Declined declined(Failed failed) {
        return new WalletOutcome.Declined(failed.code(), failed.message());
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Instant time(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Bounded waits per call; pay's is the longest the merchant's pay request waits for the wallet. */
    public record WalletTimeouts(Duration pay, Duration inquiry, Duration cancel) {
    }
}
