package dev.scanpay.core.model.refund;

import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One refund of a payment, as stored. Immutable, like {@code Payment}: a transition builds the next value
 * and the store writes it with one conditional write on {@code version}.
 *
 * @param refundId          the gateway's id (1:1 with the client's refundRequestId); the wallet sees it as its
 *                          refundRequestId
 * @param walletId          the wallet that took the payment, and is asked for the refund
 * @param walletRefundId    the wallet's own id for the refund, once it gave one
 * @param nextCheckAt       set while the wallet's answer is outstanding (in the sparse due index); absent once final
 * @param checkCount        wallet calls made for it after the first
 * @param unsent            reserved but not yet sent to the wallet: by every refund until its "sent" mark, written
 *                          just before the wallet call (so the wallet has certainly never seen one still unsent: its
 *                          first call's F is a verdict), and by a legacy {@code is_sync=N} one until its first
 *                          check. Whoever finds it unsent (the follow-up, a repeat of the request) sends it
 * @param notifyUrl         where its verdict is notified (a legacy is_sync=N refund's notify_url); null: nowhere
 * @param notifyFormat      the form of that notification (the legacy one, with the refund request's sign_type)
 */
public record Refund(
        String refundId,
        String refundRequestId,
        String clientId,
        String paymentId,
        String walletId,
        Money amount,
        RefundStatus status,
        String resultCode,
        String resultMessage,
        String referenceRefundId,
        String reason,
        String walletRefundId,
        Instant createdAt,
        Instant updatedAt,
        Instant refundTime,
        Instant nextCheckAt,
        int checkCount,
        long version,
        boolean unsent,
        String notifyUrl,
        NotifyFormat notifyFormat) {

    public Refund {
        notifyFormat = notifyFormat == null ? NotifyFormat.AMS : notifyFormat;
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(refundRequestId, "refundRequestId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isDue(Instant now) {
        return nextCheckAt != null && !nextCheckAt.isAfter(now);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent copy-and-change; the store owns {@code version}. */
    public static final class Builder {
        private String refundId;
        private String refundRequestId;
        private String clientId;
        private String paymentId;
        private String walletId;
        private Money amount;
        private RefundStatus status;
        private String resultCode;
        private String resultMessage;
        private String referenceRefundId;
        private String reason;
        private String walletRefundId;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant refundTime;
        private Instant nextCheckAt;
        private int checkCount;
        private long version;
        private boolean unsent;
        private String notifyUrl;
        private NotifyFormat notifyFormat = NotifyFormat.AMS;

        private Builder() {
        }

        private Builder(Refund r) {
            refundId = r.refundId;
            refundRequestId = r.refundRequestId;
            clientId = r.clientId;
            paymentId = r.paymentId;
            walletId = r.walletId;
            amount = r.amount;
            status = r.status;
            resultCode = r.resultCode;
            resultMessage = r.resultMessage;
            referenceRefundId = r.referenceRefundId;
            reason = r.reason;
            walletRefundId = r.walletRefundId;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            refundTime = r.refundTime;
            nextCheckAt = r.nextCheckAt;
            checkCount = r.checkCount;
            version = r.version;
            unsent = r.unsent;
            notifyUrl = r.notifyUrl;
            notifyFormat = r.notifyFormat;
        }

        public Builder refundId(String v) { refundId = v; return this; }
        public Builder refundRequestId(String v) { refundRequestId = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder paymentId(String v) { paymentId = v; return this; }
        public Builder walletId(String v) { walletId = v; return this; }
        public Builder amount(Money v) { amount = v; return this; }
        public Builder status(RefundStatus v) { status = v; return this; }
        public Builder result(String code, String message) { resultCode = code; resultMessage = message; return this; }
        public Builder referenceRefundId(String v) { referenceRefundId = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder walletRefundId(String v) { walletRefundId = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder refundTime(Instant v) { refundTime = v; return this; }
        public Builder nextCheckAt(Instant v) { nextCheckAt = v; return this; }
        public Builder checkCount(int v) { checkCount = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder unsent(boolean v) { unsent = v; return this; }
        public Builder notifyUrl(String v) { notifyUrl = v; return this; }
        public Builder notifyFormat(NotifyFormat v) { notifyFormat = v; return this; }

        public Refund build() {
            return new Refund(refundId, refundRequestId, clientId, paymentId, walletId, amount, status, resultCode,
                    resultMessage, referenceRefundId, reason, walletRefundId, createdAt, updatedAt, refundTime,
                    nextCheckAt, checkCount, version, unsent, notifyUrl, notifyFormat);
        }
    }
}
