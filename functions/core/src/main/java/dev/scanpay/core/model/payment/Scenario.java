package dev.scanpay.core.model.payment;

import java.util.Arrays;
import java.util.Optional;

/** How the payment started; {@link #wireName} is AMS's paymentFactor.inStorePaymentScenario. */
public enum Scenario {
    USER_PRESENTED("PaymentCode"),
    ORDER_CODE("OrderCode"),
    ENTRY_CODE("EntryCode"),
    LEGACY_BARCODE(null);

    private final String wireName;

    Scenario(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scenario> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName != null && s.wireName.equals(name)).findFirst();
    }
}
