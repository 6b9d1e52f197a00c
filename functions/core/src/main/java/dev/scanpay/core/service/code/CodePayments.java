package dev.scanpay.core.service.code;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.model.payment.PaymentIds;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.PaymentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Creates merchant-presented payments (order code, entry code): a payment waiting for a customer's wallet,
 * its request key and the one-payment code that leads to it, written in one transaction. The wallet
 * resolves the code with userInitiatedPay; at expiry the follow-up closes what nobody paid.
 */
public final class CodePayments {

    private final PaymentStore store;
    private final CodeStore codes;
    private final CodeUrls urls;
    private final Clock clock;

    public CodePayments(PaymentStore store, CodeStore codes, CodeUrls urls, Clock clock) {
        this.store = store;
        this.codes = codes;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * What to create. {@code walletId} is set for entry-code payments, whose customer is already inside a
     * known wallet; order codes learn their wallet when one scans them.
     */
    public record NewCodePayment(String clientId, String paymentRequestId, Scenario scenario, Money amount,
                                 OrderDetails order, String notifyUrl, String redirectUrl, String walletId,
                                 Instant expiresAt) {
    }

    public PaymentStore.Creation create(NewCodePayment spec, String requestHash) {
        return create(spec, requestHash, null, null);
    }

    /**
     * As {@link #create(NewCodePayment, String)}, taking a place under a store's cap on open entry-code
     * payments in the same transaction ({@link PaymentStore.StoreBusy} when there is none, and nothing written).
     */
    public PaymentStore.Creation create(NewCodePayment spec, String requestHash, String storeSlot, PaymentStore.SlotCap cap) {
        Instant now = clock.instant();
        String token = CodeTokens.next();
        Payment payment = Payment.builder()
                .paymentId(PaymentIds.next(clock))
                .clientId(spec.clientId())
                .paymentRequestId(spec.paymentRequestId())
                .scenario(spec.scenario())
                .amount(spec.amount())
                .status(PaymentStatus.CREATED)
                .order(spec.order())
                .notifyUrl(spec.notifyUrl())
                .redirectUrl(spec.redirectUrl())
                .walletId(spec.walletId())
                .createdAt(now)
                .updatedAt(now)
                .expiresAt(spec.expiresAt())
                .deadlineAt(spec.expiresAt())
                .nextCheckAt(spec.expiresAt())
                .codeToken(token)
                .storeSlot(storeSlot)
                .build();
        IssuedCode code = new IssuedCode(token, CodeKind.ORDER, urls.codeValue(token), spec.clientId(),
                payment.paymentId(), spec.expiresAt());
        return store.create(payment, requestHash, List.of(codes.item(code)), cap);
    }
}
