package dev.scanpay.core.model.payment;

import dev.scanpay.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment, as stored. Immutable: a transition builds the next value with {@link #toBuilder()} and the
 * store writes it with one conditional put on {@code version}.
 *
 * @param paymentCodeMask the customer's payment code with all but its first and last four digits masked;
 *                        the full code is never stored
 * @param nextCheckAt     set while the payment needs the gateway's attention (an inquiry, a cancel retry);
 *                        absent otherwise, which takes it out of the sparse due index
 * @param deadlineAt      when an unresolved payment stops being inquired and is cancelled instead
 * @param lateSuccessAt   when a wallet reported success for a payment already cancelled (cancel won)
 * @param refundedMinor   refunded or reserved for refunds, in the payment's currency
 * @param codeToken       the token of the order code a merchant-presented payment is paid through
 * @param redirectUrl     where the customer's browser goes after paying an entry-code payment (the
 *                        merchant's paymentRedirectUrl); null means the gateway's own result page
 * @param storeSlot       the store (its entry-code key) whose cap on open entry-code payments this payment
 *                        holds a place in while CREATED or PROCESSING; null for payments under no cap
 * @param payUnsent       a user-presented pay recorded but not yet sent to its wallet (the answer to its creation
 *                        was lost, or the function stopped before the wallet call): the wallet cannot have
 *                        charged it, so a repeat sends it instead of inquiring a wallet that never saw it
 * @param notifyFormat    the form of the result notification to {@code notifyUrl} (AMS unless the Legacy Barcode
 *                        API created the payment); never null
 */
public record Payment(
        String paymentId,
        String clientId,
        String paymentRequestId,
        Scenario scenario,
        Money amount,
        PaymentStatus status,
        String resultCode,
        String resultMessage,
        OrderDetails order,
        String paymentCodeMask,
        String notifyUrl,
        String walletId,
        String walletPaymentId,
        WalletCustomer customer,
        Instant createdAt,
        Instant updatedAt,
        Instant paymentTime,
        Instant expiresAt,
        Instant nextCheckAt,
        Instant deadlineAt,
        int checkCount,
        CancelState cancelState,
        ClosedBy closedBy,
        Instant cancelTime,
        Instant lateSuccessAt,
        long refundedMinor,
        long version,
        String codeToken,
        String redirectUrl,
        String storeSlot,
        boolean payUnsent,
        NotifyFormat notifyFormat) {

    public Payment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        cancelState = cancelState == null ? CancelState.NONE : cancelState;
        notifyFormat = notifyFormat == null ? NotifyFormat.AMS : notifyFormat;
    }

    /** Open and unpaid: what a store's cap on entry-code payments counts. */
    public boolean isOpen() {
        return status == PaymentStatus.CREATED || status == PaymentStatus.PROCESSING;
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

    /** Fluent copy-and-change; {@link #build()} bumps nothing by itself: the store owns {@code version}. */
    public static final class Builder {
        private String paymentId;
        private String clientId;
        private String paymentRequestId;
        private Scenario scenario;
        private Money amount;
        private PaymentStatus status;
        private String resultCode;
        private String resultMessage;
        private OrderDetails order;
        private String paymentCodeMask;
        private String notifyUrl;
        private String walletId;
        private String walletPaymentId;
        private WalletCustomer customer;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant paymentTime;
        private Instant expiresAt;
        private Instant nextCheckAt;
        private Instant deadlineAt;
        private int checkCount;
        private CancelState cancelState = CancelState.NONE;
        private ClosedBy closedBy;
        private Instant cancelTime;
        private Instant lateSuccessAt;
        private long refundedMinor;
        private long version;
        private String codeToken;
        private String redirectUrl;
        private String storeSlot;
        private boolean payUnsent;
        private NotifyFormat notifyFormat = NotifyFormat.AMS;

        private Builder() {
        }

        private Builder(Payment p) {
            paymentId = p.paymentId;
            clientId = p.clientId;
            paymentRequestId = p.paymentRequestId;
            scenario = p.scenario;
            amount = p.amount;
            status = p.status;
            resultCode = p.resultCode;
            resultMessage = p.resultMessage;
            order = p.order;
            paymentCodeMask = p.paymentCodeMask;
            notifyUrl = p.notifyUrl;
            walletId = p.walletId;
            walletPaymentId = p.walletPaymentId;
            customer = p.customer;
            createdAt = p.createdAt;
            updatedAt = p.updatedAt;
            paymentTime = p.paymentTime;
            expiresAt = p.expiresAt;
            nextCheckAt = p.nextCheckAt;
            deadlineAt = p.deadlineAt;
            checkCount = p.checkCount;
            cancelState = p.cancelState;
            closedBy = p.closedBy;
            cancelTime = p.cancelTime;
            lateSuccessAt = p.lateSuccessAt;
            refundedMinor = p.refundedMinor;
            version = p.version;
            codeToken = p.codeToken;
            redirectUrl = p.redirectUrl;
            storeSlot = p.storeSlot;
            payUnsent = p.payUnsent;
            notifyFormat = p.notifyFormat;
        }

        public Builder paymentId(String v) { paymentId = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder paymentRequestId(String v) { paymentRequestId = v; return this; }
        public Builder scenario(Scenario v) { scenario = v; return this; }
        public Builder amount(Money v) { amount = v; return this; }
        public Builder status(PaymentStatus v) { status = v; return this; }
        public Builder result(String code, String message) { resultCode = code; resultMessage = message; return this; }
        public Builder order(OrderDetails v) { order = v; return this; }
        public Builder paymentCodeMask(String v) { paymentCodeMask = v; return this; }
        public Builder notifyUrl(String v) { notifyUrl = v; return this; }
        public Builder walletId(String v) { walletId = v; return this; }
        public Builder walletPaymentId(String v) { walletPaymentId = v; return this; }
        public Builder customer(WalletCustomer v) { customer = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder paymentTime(Instant v) { paymentTime = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder nextCheckAt(Instant v) { nextCheckAt = v; return this; }
        public Builder deadlineAt(Instant v) { deadlineAt = v; return this; }
        public Builder checkCount(int v) { checkCount = v; return this; }
        public Builder cancelState(CancelState v) { cancelState = v; return this; }
        public Builder closedBy(ClosedBy v) { closedBy = v; return this; }
        public Builder cancelTime(Instant v) { cancelTime = v; return this; }
        public Builder lateSuccessAt(Instant v) { lateSuccessAt = v; return this; }
        public Builder refundedMinor(long v) { refundedMinor = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder codeToken(String v) { codeToken = v; return this; }
        public Builder redirectUrl(String v) { redirectUrl = v; return this; }
        public Builder storeSlot(String v) { storeSlot = v; return this; }
        public Builder payUnsent(boolean v) { payUnsent = v; return this; }
        public Builder notifyFormat(NotifyFormat v) { notifyFormat = v; return this; }

        public Payment build() {
            return new Payment(paymentId, clientId, paymentRequestId, scenario, amount, status, resultCode,
                    resultMessage, order, paymentCodeMask, notifyUrl, walletId, walletPaymentId, customer,
                    createdAt, updatedAt, paymentTime, expiresAt, nextCheckAt, deadlineAt, checkCount,
                    cancelState, closedBy, cancelTime, lateSuccessAt, refundedMinor, version, codeToken,
                    redirectUrl, storeSlot, payUnsent, notifyFormat);
        }
    }
}
