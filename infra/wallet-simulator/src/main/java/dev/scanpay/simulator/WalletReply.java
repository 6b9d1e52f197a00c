package dev.scanpay.simulator;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import java.util.Map;

/** What the ledger decided to answer to one wallet API call, and how that answer is to be delivered. */
record WalletReply(Map<String, Object> body, Delivery delivery) {

    static WalletReply failure(String code, String message) {
        return new WalletReply(JsonObject.create().put("result", new Result(code, ResultStatus.F, message).toWire()).build(),
                Delivery.SIGNED);
    }

    static WalletReply success() {
        return new WalletReply(JsonObject.create().put("result", Result.success().toWire()).build(), Delivery.SIGNED);
    }

    @SuppressWarnings("unchecked")
    String resultCode() {
        Object result = body.get("result");
        return result instanceof Map<?, ?> map ? String.valueOf(((Map<String, Object>) map).get("resultCode")) : "?";
    }
}
