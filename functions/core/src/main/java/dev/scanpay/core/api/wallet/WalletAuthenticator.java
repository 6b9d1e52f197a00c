package dev.scanpay.core.api.wallet;

import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.SignedRequest;
import dev.scanpay.core.model.client.ClientIds;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a call on the wallet API comes from a registered wallet: its Client-Id is the walletId, the
 * signature verifies over the exact bytes received with one of the wallet's registered keys (the
 * version its header names, when registered), and Request-Time is
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
        SignedRequest signed = SignedRequest.read(request, walletId, ResultCode.INVALID_SIGNATURE);
        if (!wallet.keys().verifies(signed.signature().keyVersion(), signed.content(), signed.signature().signatureBase64())) {
            LOG.debug("Signature check failed for wallet {} over content: {}", walletId, signed.describe());
            throw new ProtocolException(ResultCode.INVALID_SIGNATURE,
                    "signature does not verify with wallet " + walletId + "'s registered key over \"POST <uri>\\n<Client-Id>.<Request-Time>.<body>\"");
        }
        signed.requireFresh(clock);
        return wallet;
    }
}
