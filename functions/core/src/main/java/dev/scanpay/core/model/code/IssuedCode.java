package dev.scanpay.core.model.code;

import java.time.Instant;

/**
 * A code the gateway has issued: what its QR carries ({@code codeValue}, an HTTPS URL on the gateway's
 * public base URL) and what it leads to.
 *
 * @param paymentId    the payment an order code belongs to; null for entry codes
 * @param expiresAt    when an order code stops working; null for entry codes, which do not expire
 */
public record IssuedCode(String token, CodeKind kind, String codeValue, String clientId, String paymentId,
                         Instant expiresAt) {

    public boolean isLive(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
