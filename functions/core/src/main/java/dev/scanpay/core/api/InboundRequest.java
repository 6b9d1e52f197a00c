package dev.scanpay.core.api;

import java.util.function.Function;

/** An HTTP request as the gateway sees it, whichever adapter (Lambda, Netty) received it. */
public record InboundRequest(String method, String path, Function<String, String> header, byte[] body) {

    /** Case-insensitive header lookup, as HTTP wants; the adapters pass a lookup that honours that. */
    public String header(String name) {
        return header.apply(name);
    }
}
