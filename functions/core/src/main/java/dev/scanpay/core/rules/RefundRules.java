package dev.scanpay.core.rules;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.RequestHash;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a payment can take a refund, as pure functions. These checks answer the merchant early; the
 * reservation's conditional write ({@code RefundStore.RESERVE_CONDITION}) is what enforces them against
 * concurrent refunds and cancels.
 */
public final class RefundRules {

    /**
     * How long after its paymentTime a payment can be refunded. Antom leaves the window to the contract;
     * Scanpay allows 365 days, then answers REFUND_WINDOW_EXCEED.
     */
    public static final Duration REFUND_WINDOW = Duration.ofDays(365);

    private RefundRules() {
    }

    /** The last moment a payment made at {@code paidAt} can be refunded. */
    public static Instant windowEnd(Instant paidAt) {
        return paidAt.plus(REFUND_WINDOW);
    }

    /**
     * The refusal for refunding {@code amount} of {@code payment} at {@code now}, if any, in the order a
     * merchant can act on: the payment's state, the currency, the window, then the amount.
     */
    public static Optional<ProtocolException> refusal(Payment payment, Money amount, Instant now) {
        if (payment.status() != PaymentStatus.SUCCESS || payment.cancelState() != CancelState.NONE) {
            return Optional.of(new ProtocolException(ResultCode.ORDER_STATUS_INVALID,
                    "only a paid payment can be refunded; this one is " + describe(payment)));
        }
        if (!amount.sameCurrency(payment.amount())) {
            return Optional.of(ProtocolException.paramIllegal("refundAmount.currency",
                    "must be the payment's currency " + payment.amount().currencyCode()));
        }
        if (payment.paymentTime() != null && now.isAfter(windowEnd(payment.paymentTime()))) {
            return Optional.of(new ProtocolException(ResultCode.REFUND_WINDOW_EXCEED,
                    "the refund window (365 days after payment) closed at " + windowEnd(payment.paymentTime())));
        }
        if (reservationLimit(payment.amount().minor(), amount.minor()) < payment.refundedMinor()) {
            return Optional.of(new ProtocolException(ResultCode.REFUND_AMOUNT_EXCEED, "refunds would exceed the amount paid: "
                    + remaining(payment) + " of " + payment.amount().minor() + " minor units is left to refund"));
        }
        return Optional.empty();
    }

    /**
     * The most the payment may already have refunded or reserved for a refund of {@code refundMinor} to fit:
     * {@code refundedMinor <= paid - amount}, i.e. {@code refundedMinor + amount <= paid} without an addition
     * in the condition. Negative when the refund alone is more than was paid.
     */
    public static long reservationLimit(long paidMinor, long refundMinor) {
        return paidMinor - refundMinor;
    }

    public static long remaining(Payment payment) {
        return Math.max(0, payment.amount().minor() - payment.refundedMinor());
    }

    /** What must match when a client repeats a refundRequestId: the payment and the amount. */
    public static String requestHash(String paymentId, Money amount) {
        return RequestHash.of("refund", paymentId, amount.minor(), amount.currencyCode());
    }

    private static String describe(Payment payment) {
        if (payment.status() == PaymentStatus.SUCCESS) {
            return "being cancelled";
        }
        return switch (payment.status()) {
            case CANCELLED -> "cancelled";
            case FAIL -> "failed";
            default -> "not paid yet";
        };
    }
}
