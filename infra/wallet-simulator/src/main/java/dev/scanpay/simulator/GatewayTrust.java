package dev.scanpay.simulator;

import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateways allowed to call the wallet, by Client-Id, and the check of their signatures over the raw
 * bytes received: on their requests to the wallet and on their answers to the wallet's own calls.
 * Request-Time and Response-Time are not checked for freshness: tests move the simulator's clock
 * independently of the gateway's, and a replay window would turn that into spurious signature errors.
 */
final class GatewayTrust {

    private final Map<String, PublicKey> gateways = new ConcurrentHashMap<>();

    void trust(String clientId, PublicKey key) {
        gateways.put(clientId, key);
    }

    /** Empty when the request is signed by a trusted gateway; otherwise why not (for the log, no secrets). */
    Optional<String> problem(String uri, String clientId, String requestTime, String signatureHeader, byte[] body) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.of("no Client-Id header");
        }
        PublicKey key = gateways.get(clientId);
        if (key == null) {
            return Optional.of("Client-Id " + clientId + " is not a trusted gateway");
        }
        if (requestTime == null || requestTime.isBlank()) {
            return Optional.of("no Request-Time header");
        }
        Optional<SignatureHeader> signature;
        try {
            signature = SignatureHeader.parse(signatureHeader);
        } catch (IllegalArgumentException malformedEscape) {
            // older core versions let a bad %-escape in the header escape as an exception
            signature = Optional.empty();
        }
        if (signature.isEmpty()) {
            return Optional.of("no well-formed Signature header");
        }
        byte[] content = SignedContent.of("POST", uri, clientId, requestTime, body);
        if (!RsaSigner.verify(key, content, signature.get().signatureBase64())) {
            // the body may carry a payment code, so only the head of the signed content is described
            return Optional.of("signature does not verify over 'POST " + uri + "\\n" + clientId + "." + requestTime
                    + ".<" + body.length + " body bytes>'");
        }
        return Optional.empty();
    }

    /**
     * Empty when a gateway's answer to the wallet's call to {@code uri} is signed by a trusted gateway;
     * otherwise why not. The answer is signed over its own client-id header, which a gateway may fill with
     * its id or echo the wallet's, so it is checked against every trusted gateway's key.
     */
    Optional<String> answerProblem(String uri, String clientId, String responseTime, String signatureHeader, byte[] body) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.of("answer has no client-id header");
        }
        if (responseTime == null || responseTime.isBlank()) {
            return Optional.of("answer has no response-time header");
        }
        Optional<SignatureHeader> signature;
        try {
            signature = SignatureHeader.parse(signatureHeader);
        } catch (IllegalArgumentException malformedEscape) {
            signature = Optional.empty();
        }
        if (signature.isEmpty()) {
            return Optional.of("answer has no well-formed signature header");
        }
        if (gateways.isEmpty()) {
            return Optional.of("no gateway is trusted, so no answer can verify");
        }
        byte[] content = SignedContent.of("POST", uri, clientId, responseTime, body);
        String base64 = signature.get().signatureBase64();
        if (gateways.values().stream().noneMatch(key -> RsaSigner.verify(key, content, base64))) {
            return Optional.of("answer signature does not verify with a trusted gateway's key over 'POST " + uri + "\\n"
                    + clientId + "." + responseTime + ".<" + body.length + " body bytes>'");
        }
        return Optional.empty();
    }
}
