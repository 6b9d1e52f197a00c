package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated wallet user: balances and how the wallet treats their payments. Guarded by the ledger's lock. */
final class Customer {

    static final String DEFAULT_DECLINE_CODE = "RISK_REJECT";
    static final Duration DEFAULT_SETTLE_AFTER = Duration.ofSeconds(10);

    /**
     * Minor units, so each currency's exponent applies: 500000 USD is 5,000.00 but 1000000 JPY is
     * ¥1,000,000 and 2000000 KWD is 2,000.000.
     */
    static final Map<String, Long> DEFAULT_BALANCES = defaultBalances();

    private final String id;
    private Behaviour behaviour = Behaviour.SUCCESS;
    private String declineCode = DEFAULT_DECLINE_CODE;
    private Duration settleAfter = DEFAULT_SETTLE_AFTER;
    /** Whether settleAfter was chosen for this customer rather than left at the in-process default. */
    private boolean settleAfterChosen;
    private RefundBehaviour refundBehaviour = RefundBehaviour.REFUND_SUCCESS;
    private final Map<String, Long> balances = new LinkedHashMap<>(DEFAULT_BALANCES);

    Customer(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    String declineCode() {
        return declineCode;
    }

    Duration settleAfter() {
        return settleAfter;
    }

    /**
     * How long after a scan its notification waits when the wallet decides the payment at once. Only a
     * settleAfter chosen for the customer delays it: the 10 s default exists for IN_PROCESS, and a plain
     * SUCCESS customer must be notified at once.
     */
    Duration scanNotifyDelay() {
        return settleAfterChosen ? settleAfter : Duration.ZERO;
    }

    RefundBehaviour refundBehaviour() {
        return refundBehaviour;
    }

    long balance(String currency) {
        return balances.getOrDefault(currency, 0L);
    }

    boolean canPay(Money amount) {
        return balance(amount.currencyCode()) >= amount.minor();
    }

    void debit(Money amount) {
        balances.put(amount.currencyCode(), Math.subtractExact(balance(amount.currencyCode()), amount.minor()));
    }

    void credit(Money amount) {
        balances.put(amount.currencyCode(), Math.addExact(balance(amount.currencyCode()), amount.minor()));
    }

    /** Applies every given setting or none: a bad balance must not leave the behaviour half-changed. */
    void apply(CustomerSettings settings) {
        Map<String, Long> checked = new LinkedHashMap<>();
        settings.balances().forEach((currency, minor) -> {
            if (minor == null) {
                throw new IllegalArgumentException("balance for " + currency + " must be a number");
            }
            Money money;
            try {
                // Money refuses unknown or non-payment currencies and negative amounts
                money = Money.of(minor, currency);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("balance " + currency + " " + minor + ": "
                        + (e.getMessage() == null ? "not an ISO 4217 payment currency" : e.getMessage()));
            }
            checked.put(money.currencyCode(), money.minor());
        });
        if (settings.behaviour() != null) {
            behaviour = settings.behaviour();
        }
        if (settings.declineCode() != null) {
            declineCode = settings.declineCode();
        }
        if (settings.settleAfter() != null) {
            settleAfter = settings.settleAfter();
            settleAfterChosen = true;
        }
        if (settings.refundBehaviour() != null) {
            refundBehaviour = settings.refundBehaviour();
        }
        balances.putAll(checked);
    }

    SimulatedCustomer snapshot() {
        return new SimulatedCustomer(id, behaviour, declineCode, settleAfter, refundBehaviour,
                Collections.unmodifiableMap(new LinkedHashMap<>(balances)));
    }

    private static Map<String, Long> defaultBalances() {
        Map<String, Long> balances = new LinkedHashMap<>();
        balances.put("USD", 500_000L);
        balances.put("EUR", 500_000L);
        balances.put("GBP", 500_000L);
        balances.put("SGD", 500_000L);
        balances.put("HKD", 5_000_000L);
        balances.put("CNY", 5_000_000L);
        balances.put("JPY", 1_000_000L);
        balances.put("KRW", 10_000_000L);
        balances.put("KWD", 2_000_000L);
        balances.forEach((currency, minor) -> Money.of(minor, currency)); // fails fast on a bad default
        return Collections.unmodifiableMap(balances);
    }
}
