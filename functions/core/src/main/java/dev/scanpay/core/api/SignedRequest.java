package dev.scanpay.core.api;

import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;

/**
 * What a signed request claims, read the same way for merchants and wallets: its Signature header, its
 * Request-Time, and the exact content the signature must cover ({@code POST <path>\n<Client-Id>.<Request-Time>.<body>}
 * over the raw body bytes, never re-serialized JSON).
 */
public record SignedRequest(SignatureHeader signature, Instant sentAt, byte[] content) {

    /**
     * @param signatureError the protocol's name for a bad signature (AMS SIGNATURE_INVALID, Alipay+ INVALID_SIGNATURE)
     */
    public static SignedRequest read(InboundRequest request, String clientId, ResultCode signatureError) {
        SignatureHeader signature = SignatureHeader.parse(request.header("Signature")).orElseThrow(() -> new ProtocolException(
                signatureError, "Signature header missing or not algorithm=RSA256,keyVersion=N,signature=..."));
        if (!SignatureHeader.RSA256.equals(signature.algorithm())) {
            throw new ProtocolException(signatureError, "unsupported algorithm " + signature.algorithm());
        }
        String requestTime = request.header("Request-Time");
        Instant sentAt = RequestTime.parse(requestTime).orElseThrow(() -> ProtocolException.paramIllegal(
                "Request-Time", "header must be epoch milliseconds or ISO 8601 with offset"));
        return new SignedRequest(signature, sentAt,
                SignedContent.of(request.method(), request.path(), clientId, requestTime, request.body()));
    }

    public boolean verifiesWith(PublicKey key) {
        return RsaSigner.verify(key, content, signature.signatureBase64());
    }

    /** For a debug log of a failed check: the content with any payment code masked, never a key. */
    public String describe() {
        return SignedContent.describe(content);
    }

    /** Replay protection: checked after the signature, so an unsigned caller learns nothing about our clock. */
    public void requireFresh(Clock clock) {
        if (!RequestTime.isFresh(sentAt, clock.instant())) {
            throw ProtocolException.paramIllegal("Request-Time",
                    "is more than " + RequestTime.TOLERANCE.toSeconds() + " s from the gateway's clock (replay protection)");
        }
    }
}
