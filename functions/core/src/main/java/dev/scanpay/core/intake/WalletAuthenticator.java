package dev.scanpay.core.intake;

import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.client.ClientIds;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import dev.scanpay.core.wallet.Wallet;
import dev.scanpay.core.wallet.WalletDirectory;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a call on the wallet API comes from a registered wallet: its Client-Id is the walletId, the
 * signature verifies over the exact bytes received with the wallet's registered key, and Request-Time is
 * within five minutes of our clock. Alipay+ names a bad signature INVALID_SIGNATURE (AMS says
 * SIGNATURE_INVALID), so that is what wallets get.
 */
public final class WalletAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(WalletAuthenticator.class);

    private final WalletDirectory wallets;
    private final Clock clock;

    public WalletAuthenticator(WalletDirectory wallets, Clock clock) {
        this.wallets = wallets;
        this.clock = clock;
    }

    public Wallet authenticate(InboundRequest request) {
        String walletId = request.header("Client-Id");
        if (walletId == null || !ClientIds.isWellFormed(walletId)) {
            throw new ProtocolException(ResultCode.INVALID_CLIENT, "Client-Id must be the registered walletId");
        }
        Wallet wallet = wallets.byId(walletId)
                .orElseThrow(() -> new ProtocolException(ResultCode.INVALID_CLIENT, "unknown wallet " + walletId));
        SignatureHeader signature = SignatureHeader.parse(request.header("Signature"))
                .filter(s -> SignatureHeader.RSA256.equals(s.algorithm()))
                .orElseThrow(() -> new ProtocolException(ResultCode.INVALID_SIGNATURE,
                        "Signature header missing or not algorithm=RSA256,keyVersion=N,signature=..."));
        String requestTime = request.header("Request-Time");
        Instant sentAt = RequestTime.parse(requestTime).orElseThrow(() -> ProtocolException.paramIllegal(
                "Request-Time", "header must be epoch milliseconds or ISO 8601 with offset"));
        byte[] content = SignedContent.of(request.method(), request.path(), walletId, requestTime, request.body());
        if (!RsaSigner.verify(RsaKeys.publicKey(wallet.publicKey()), content, signature.signatureBase64())) {
            LOG.debug("Signature check failed for wallet {} over content: {}", walletId, SignedContent.describe(content));
            throw new ProtocolException(ResultCode.INVALID_SIGNATURE,
                    "signature does not verify with wallet " + walletId + "'s registered key over \"POST <uri>\\n<Client-Id>.<Request-Time>.<body>\"");
        }
        if (!RequestTime.isFresh(sentAt, clock.instant())) {
            throw ProtocolException.paramIllegal("Request-Time",
                    "is more than " + RequestTime.TOLERANCE.toSeconds() + " s from the gateway's clock (replay protection)");
        }
        return wallet;
    }
}
