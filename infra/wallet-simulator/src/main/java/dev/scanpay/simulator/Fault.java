package dev.scanpay.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A wallet-wide fault, applied to every wallet API call (pay, inquiryPayment, cancelPayment, refund)
 * until it is set back to {@link #NONE}. Unlike a {@link Behaviour}, it is not tied to a payment.
 */
public enum Fault {
    /** Normal operation. */
    NONE,
    /** The wallet is a black hole: the call is not processed, the connection is held, then dropped. */
    HANG,
    /** The call is not processed and answered HTTP 500. */
    HTTP_500,
    /** The call is processed normally, but the answer's Signature does not verify. */
    BAD_SIGNATURE,
    /** The call is processed normally, but the answer carries no Signature or Response-Time. */
    UNSIGNED;

    /** @throws IllegalArgumentException naming the accepted values */
    public static Fault parse(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault " + Behaviour.quote(name) + "; one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
