package dev.scanpay.core.api.merchant;

import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.SignedRequest;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.model.client.ClientIds;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks who is calling: the Client-Id is registered, the keyVersion is one of its keys, the signature
 * verifies over the exact bytes received, and Request-Time is within five minutes of our clock.
 */
public final class MerchantAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(MerchantAuthenticator.class);

    private final ClientDirectory clients;
    private final Clock clock;

    public MerchantAuthenticator(ClientDirectory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    public KnownClient authenticate(InboundRequest request) {
        String clientId = request.header("Client-Id");
        if (clientId == null || clientId.isBlank()) {
            throw new ProtocolException(ResultCode.INVALID_CLIENT, "Client-Id header is required");
        }
        if (!ClientIds.isWellFormed(clientId)) {
            throw new ProtocolException(ResultCode.INVALID_CLIENT, "Client-Id must be 1-64 letters, digits, '_', '-' or '.'");
        }
        KnownClient client = clients.find(clientId)
                .orElseThrow(() -> new ProtocolException(ResultCode.INVALID_CLIENT, "unknown Client-Id " + clientId));
        SignedRequest signed = SignedRequest.read(request, clientId, ResultCode.SIGNATURE_INVALID);
        if (!verifies(client, signed)) {
            LOG.debug("Signature check failed for client {} keyVersion {} over content: {}", clientId,
                    signed.signature().keyVersion(), signed.describe());
            throw new ProtocolException(ResultCode.SIGNATURE_INVALID,
                    "signature does not verify over \"POST <uri>\\n<Client-Id>.<Request-Time>.<body>\" with keyVersion "
                            + signed.signature().keyVersion());
        }
        signed.requireFresh(clock);
        return client;
    }

    /**
     * Verifies with the key the header names. When the header names a version the client does not have,
     * or none, any of the client's own keys may verify it: ams-java-sdk always sends keyVersion=2 whatever
     * the dashboard says. That is no weaker, since only keys registered for this client are tried.
     */
    private static boolean verifies(KnownClient client, SignedRequest signed) {
        String keyVersion = signed.signature().keyVersion();
        if (client.keys().verifies(keyVersion, signed.content(), signed.signature().signatureBase64())) {
            return true;
        }
        if (client.keys().has(keyVersion)) {
            return false;
        }
        throw new ProtocolException(ResultCode.KEY_NOT_FOUND, "no key with keyVersion " + keyVersion
                + " for client " + client.client().clientId() + ", and none of its keys verifies the signature");
    }
}
