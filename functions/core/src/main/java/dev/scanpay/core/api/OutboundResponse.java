package dev.scanpay.core.api;

import java.util.Map;

/** A response to send exactly as built: the body bytes are the bytes that were signed. */
public record OutboundResponse(int status, Map<String, String> headers, byte[] body) {
}
