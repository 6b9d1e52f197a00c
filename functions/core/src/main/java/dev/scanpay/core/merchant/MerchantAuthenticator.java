package dev.scanpay.core.merchant;

import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.client.ClientDirectory;
import dev.scanpay.core.client.ClientIds;
import dev.scanpay.core.client.ClientDirectory.KnownClient;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
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
        String header = request.header("Signature");
        SignatureHeader signature = SignatureHeader.parse(header).orElseThrow(() -> new ProtocolException(
                ResultCode.SIGNATURE_INVALID, "Signature header missing or not algorithm=RSA256,keyVersion=N,signature=..."));
        if (!SignatureHeader.RSA256.equals(signature.algorithm())) {
            throw new ProtocolException(ResultCode.SIGNATURE_INVALID, "unsupported algorithm " + signature.algorithm());
        }
        String requestTime = request.header("Request-Time");
        Instant sentAt = RequestTime.parse(requestTime).orElseThrow(() -> ProtocolException.paramIllegal(
                "Request-Time", "header must be epoch milliseconds or ISO 8601 with offset"));
        byte[] content = SignedContent.of(request.method(), request.path(), clientId, requestTime, request.body());
        if (!verifies(client, signature, content)) {
            LOG.debug("Signature check failed for client {} keyVersion {} over content: {}", clientId,
                    signature.keyVersion(), SignedContent.describe(content));
            throw new ProtocolException(ResultCode.SIGNATURE_INVALID,
                    "signature does not verify over \"POST <uri>\\n<Client-Id>.<Request-Time>.<body>\" with keyVersion "
                            + signature.keyVersion());
        }
        if (!RequestTime.isFresh(sentAt, clock.instant())) {
            throw ProtocolException.paramIllegal("Request-Time",
                    "is more than " + RequestTime.TOLERANCE.toSeconds() + " s from the gateway's clock (replay protection)");
        }
        return client;
    }

    /**
     * Verifies with the key the header names. When the header names a version the client does not have,
     * or none, any of the client's own keys may verify it: ams-java-sdk always sends keyVersion=2 whatever
     * the dashboard says. That is no weaker, since only keys registered for this client are tried.
     */
    private static boolean verifies(KnownClient client, SignatureHeader signature, byte[] content) {
        PublicKey named = signature.keyVersion() == null ? null : client.keys().get(signature.keyVersion());
        if (named != null) {
            return RsaSigner.verify(named, content, signature.signatureBase64());
        }
        for (PublicKey key : client.keys().values()) {
            if (RsaSigner.verify(key, content, signature.signatureBase64())) {
                return true;
            }
        }
        throw new ProtocolException(ResultCode.KEY_NOT_FOUND, "no key with keyVersion " + signature.keyVersion()
                + " for client " + client.client().clientId() + ", and none of its keys verifies the signature");
    }
}
