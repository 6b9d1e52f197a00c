package dev.scanpay.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a simulated customer: every field that is null (or an empty balances map) is left as it
 * is. Balances are set per currency in minor units; currencies not named keep their balance.
 */
public record CustomerSettings(Behaviour behaviour, String declineCode, Duration settleAfter,
                               RefundBehaviour refundBehaviour, Map<String, Long> balances) {

    public CustomerSettings {
        balances = balances == null ? Map.of() : Map.copyOf(balances);
        if (declineCode != null && !declineCode.matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw new IllegalArgumentException("declineCode must be an upper-case result code such as RISK_REJECT");
        }
        if (settleAfter != null && settleAfter.isNegative()) {
            throw new IllegalArgumentException("settleAfter must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for the common case of only choosing a behaviour. */
    public static CustomerSettings behaviour(Behaviour behaviour) {
        return builder().behaviour(behaviour).build();
    }

    public static final class Builder {
        private Behaviour behaviour;
        private String declineCode;
        private Duration settleAfter;
        private RefundBehaviour refundBehaviour;
        private final Map<String, Long> balances = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder behaviour(Behaviour v) { behaviour = v; return this; }
        public Builder declineCode(String v) { declineCode = v; return this; }
        public Builder settleAfter(Duration v) { settleAfter = v; return this; }
        public Builder refundBehaviour(RefundBehaviour v) { refundBehaviour = v; return this; }
        public Builder balance(String currency, long minor) { balances.put(currency, minor); return this; }

        public CustomerSettings build() {
            return new CustomerSettings(behaviour, declineCode, settleAfter, refundBehaviour, balances);
        }
    }
}
