package dev.scanpay.core.model.client;

/**
 * What a client id may look like. Kept narrow because ids are parts of storage keys
 * ({@code REQ#<clientId>#<paymentRequestId>}): a '#' in one could make two clients' keys meet.
 */
public final class ClientIds {

    private ClientIds() {
    }

    public static boolean isWellFormed(String clientId) {
        return clientId != null && clientId.matches("[A-Za-z0-9_.\\-]{1,64}");
    }
}
