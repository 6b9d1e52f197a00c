package dev.scanpay.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the simulated wallet treats a refund of one of the customer's payments. */
public enum RefundBehaviour {
    /** Credit the customer and answer S. */
    REFUND_SUCCESS,
    /** Answer F PROCESS_FAIL; nothing credited. */
    REFUND_DECLINE,
    /** Answer U REFUND_IN_PROCESS; credit once the simulator clock passes refund time + settleAfter. */
    REFUND_IN_PROCESS,
    /** Credit the customer, but never answer: hold the connection, then drop it. */
    REFUND_NO_ANSWER;

    /** @throws IllegalArgumentException naming the accepted values */
    public static RefundBehaviour parse(String name) {
        return Arrays.stream(values()).filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown refundBehaviour " + Behaviour.quote(name) + "; one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
