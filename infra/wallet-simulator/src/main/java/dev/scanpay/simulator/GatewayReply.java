package dev.scanpay.simulator;

import dev.scanpay.core.protocol.Result;
import java.util.Map;

/** What came back from one call to the gateway: a verified answer, or nothing the wallet may act on. */
sealed interface GatewayReply {

    /** HTTP 200, signed by a trusted gateway, with a well-formed {@code result}. */
    record Verified(Result result, Map<String, Object> body) implements GatewayReply {
    }

    /** No answer, another HTTP status, no or a bad signature, or a malformed body: all the same to the wallet. */
    record NoAnswer(String reason) implements GatewayReply {
    }
}
