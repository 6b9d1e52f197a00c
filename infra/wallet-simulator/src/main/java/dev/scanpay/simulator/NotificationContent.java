package dev.scanpay.simulator;

import dev.scanpay.core.protocol.Result;
import java.util.Map;

/** What a planned notifyPayment carries at the moment it is due, by the payment's state then. */
record NotificationContent(Verdict verdict, Result result, Map<String, Object> body) {

    enum Verdict {
        /** Send {@link #body()}. */
        SEND,
        /** Still in process: keep it planned. */
        WAIT,
        /** Cancelled before any money moved: the gateway already knows, so nothing is sent. */
        DROP
    }

    static NotificationContent waiting() {
        return new NotificationContent(Verdict.WAIT, null, null);
    }

    static NotificationContent dropped() {
        return new NotificationContent(Verdict.DROP, null, null);
    }
}
