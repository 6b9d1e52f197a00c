package dev.scanpay.simulator;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * How the simulated wallet treats a pay or a scan, chosen per customer or, winning over that, by the last
 * four digits of the amount in minor units (so a cashier can pick a path just by typing an amount). For a
 * pay the behaviour shapes the wallet's answers; for a scan it shapes the notifyPayment the wallet sends.
 */
public enum Behaviour {
    /** Charge and answer S; F USER_BALANCE_NOT_ENOUGH when the balance is short. */
    SUCCESS(-1),
    /** Answer U PAYMENT_IN_PROCESS; settle (charge) once the simulator clock passes pay time + settleAfter. */
    IN_PROCESS(9901),
    /** Charge, but never answer pay or inquiryPayment for it: hold the connection, then drop it. */
    NO_ANSWER(9902),
    /** HTTP 500 to pay and to inquiryPayment for it; nothing charged. */
    SERVER_ERROR(9903),
    /** Charge and answer S with a Signature that does not verify. */
    BAD_SIGNATURE(9904),
    /** Answer F with the customer's declineCode (default RISK_REJECT); nothing charged. */
    DECLINE(9905),
    /** Charge and answer S without Signature and Response-Time headers. */
    UNSIGNED(9906),
    /** Charge once, and send a scan's notifyPayment twice (a pay is treated as SUCCESS). */
    DUPLICATE_NOTIFY(9907);

    private final int amountTrigger;

    Behaviour(int amountTrigger) {
        this.amountTrigger = amountTrigger;
    }

    /** The last four digits of a minor-unit amount that select this behaviour, if any. */
    public OptionalInt amountTrigger() {
        return amountTrigger < 0 ? OptionalInt.empty() : OptionalInt.of(amountTrigger);
    }

    /** The behaviour an amount selects by its last four minor-unit digits, e.g. 19905 (199.05) declines. */
    public static Optional<Behaviour> triggeredBy(long amountMinor) {
        int lastFour = (int) (amountMinor % 10_000);
        return Arrays.stream(values()).filter(b -> b.amountTrigger == lastFour).findFirst();
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Behaviour parse(String name) {
        return Arrays.stream(values()).filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown behaviour " + quote(name) + "; one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}
