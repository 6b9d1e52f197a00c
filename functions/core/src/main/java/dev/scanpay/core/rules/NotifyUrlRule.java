package dev.scanpay.core.rules;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.outbound.DestinationRules;

/**
 * The check a notify URL gets where a client names one (pay's and registerEntryCode's paymentNotifyUrl):
 * one the gateway would call at all ({@link DestinationRules}: no address inside its own network), and
 * under the client's own registered prefixes (so no client can have another's endpoint sent a gateway-signed
 * notification). Either refusal is PARAM_ILLEGAL naming the field, before anything is read or written.
 */
public final class NotifyUrlRule {

    private final DestinationRules destinations;

    public NotifyUrlRule(DestinationRules destinations) {
        this.destinations = destinations;
    }

    /** @param url the URL the client named, or null when it named none (always allowed) */
    public void require(Client client, String field, String url) {
        if (url == null) {
            return;
        }
        destinations.requireAllowed(field, url);
        client.notifyUrlPrefixes().require(field, url);
    }
}
