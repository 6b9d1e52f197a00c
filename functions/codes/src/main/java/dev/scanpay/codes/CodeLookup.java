package dev.scanpay.codes;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import jakarta.inject.Singleton;

/**
 * What the token of a {@code /c/{token}} URL leads to. A store's entry code is looked up first, since that is
 * what customers open most; anything else is an issued order code and its payment, which is either the
 * one-time code of an entry-code payment (the cashier sends the browser back to it) or a merchant's order
 * code. The order code and payment are read once here rather than through {@code EntryCodes.paymentOf},
 * which would read them again for the merchant's order codes.
 */
@Singleton
public class CodeLookup {

    /** What was found. */
    public sealed interface Found permits StoreEntryCode, EntryPayment, OrderCode, Unknown {
    }

    /** A store's static code: the amount page. */
    public record StoreEntryCode(EntryCode code) implements Found {
    }

    /**
     * The one-time code of a payment started from an entry code: the result page. {@code storeCode} is the
     * entry code it was started from, for the names the customer saw (the payment keeps the legal ones);
     * null if the store's code cannot be found.
     */
    public record EntryPayment(Payment payment, EntryCode storeCode) implements Found {
    }

    /** A merchant's order code; {@code payment} is null when it cannot be found. */
    public record OrderCode(IssuedCode code, Payment payment) implements Found {
    }

    public record Unknown() implements Found {
    }

    private final EntryCodes entryCodes;
    private final EntryCodeStore entryStore;
    private final CodeStore codes;
    private final PaymentStore payments;

    public CodeLookup(EntryCodes entryCodes, EntryCodeStore entryStore, CodeStore codes, PaymentStore payments) {
        this.entryCodes = entryCodes;
        this.entryStore = entryStore;
        this.codes = codes;
        this.payments = payments;
    }

    public Found find(String token) {
        if (!CodeTokens.isWellFormed(token)) {
            return new Unknown();
        }
        var entry = entryCodes.find(token);
        if (entry.isPresent()) {
            return new StoreEntryCode(entry.get());
        }
        IssuedCode code = codes.find(token).filter(c -> c.kind() == CodeKind.ORDER).orElse(null);
        if (code == null) {
            return new Unknown();
        }
        Payment payment = code.paymentId() == null ? null : payments.get(code.paymentId()).orElse(null);
        if (payment != null && payment.scenario() == Scenario.ENTRY_CODE) {
            return new EntryPayment(payment, storeCode(payment));
        }
        return new OrderCode(code, payment);
    }

    private EntryCode storeCode(Payment payment) {
        OrderDetails order = payment.order();
        if (order == null || order.referenceMerchantId() == null || order.referenceStoreId() == null) {
            return null;
        }
        return entryStore.findByStore(payment.clientId(), order.referenceMerchantId(), order.referenceStoreId()).orElse(null);
    }
}
