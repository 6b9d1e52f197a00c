package dev.scanpay.core.client;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A merchant or ISV that calls the merchant API.
 *
 * @param publicKeys  base64 X.509 public keys by keyVersion, so keys can be rotated without downtime
 * @param merchantIds the referenceMerchantIds this client may act for; empty means any
 * @param notifyUrl   default paymentNotifyUrl when a request carries none
 */
public record Client(
        String clientId,
        String name,
        ClientKind kind,
        Map<String, String> publicKeys,
        Set<String> merchantIds,
        String notifyUrl,
        Instant createdAt) {

    public Client {
        if (!ClientIds.isWellFormed(clientId)) {
            throw new IllegalArgumentException("client id must be 1-64 letters, digits, '_', '-' or '.'");
        }
        publicKeys = Map.copyOf(publicKeys);
        merchantIds = Set.copyOf(merchantIds);
    }

    public boolean mayActFor(String referenceMerchantId) {
        return merchantIds.isEmpty() || merchantIds.contains(referenceMerchantId);
    }
}
