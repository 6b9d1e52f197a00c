package dev.scanpay.core.model.client;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A merchant or ISV that calls the merchant API.
 *
 * @param publicKeys  base64 X.509 public keys by keyVersion, so keys can be rotated without downtime
 * @param merchantIds the referenceMerchantIds this client may act for. An ISV must list them; a merchant's
 *                    own client may leave it empty, which lets it use any referenceMerchantId of its own
 *                    (its payments are its own either way: tenancy is by clientId)
 * @param notifyUrl   default paymentNotifyUrl when a request carries none; must be inside {@code notifyUrlPrefixes}
 * @param notifyUrlPrefixes where a request's own paymentNotifyUrl may point (see {@link NotifyUrlPrefixes}); none
 *                    means a request may name no notify URL of its own
 */
public record Client(
        String clientId,
        String name,
        ClientKind kind,
        Map<String, String> publicKeys,
        Set<String> merchantIds,
        String notifyUrl,
        NotifyUrlPrefixes notifyUrlPrefixes,
        Instant createdAt) {

    /** A client that names no notify URL prefixes: requests may carry no notify URL of their own. */
    public Client(String clientId, String name, ClientKind kind, Map<String, String> publicKeys, Set<String> merchantIds,
                  String notifyUrl, Instant createdAt) {
        this(clientId, name, kind, publicKeys, merchantIds, notifyUrl, NotifyUrlPrefixes.NONE, createdAt);
    }

    public Client {
        if (!ClientIds.isWellFormed(clientId)) {
            throw new IllegalArgumentException("client id must be 1-64 letters, digits, '_', '-' or '.'");
        }
        publicKeys = Map.copyOf(publicKeys);
        merchantIds = Set.copyOf(merchantIds);
        if (kind == ClientKind.ISV && merchantIds.isEmpty()) {
            throw new IllegalArgumentException("an ISV acts only for the merchants it lists; give at least one merchant id");
        }
        notifyUrlPrefixes = notifyUrlPrefixes == null ? NotifyUrlPrefixes.NONE : notifyUrlPrefixes;
        if (notifyUrl != null && !notifyUrlPrefixes.admits(notifyUrl)) {
            throw new IllegalArgumentException("the default notify URL " + notifyUrl
                    + " must be inside the client's notify URL prefixes " + notifyUrlPrefixes);
        }
    }

    public boolean mayActFor(String referenceMerchantId) {
        return merchantIds.isEmpty() || merchantIds.contains(referenceMerchantId);
    }
}
