package dev.scanpay.core.api.wallet;

import dev.scanpay.core.service.intake.WalletIntake;
import dev.scanpay.core.api.AnswerDeadlines;
import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.OutboundResponse;
import dev.scanpay.core.api.SignedJsonApi;
import dev.scanpay.core.observe.RequestLog;
import java.util.Map;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.model.wallet.Wallet;
import java.time.Clock;

/**
 * The wallet (Alipay+) API: {@code POST /aps/api/v1/payments/userInitiatedPay} and {@code notifyPayment},
 * called by registered wallets, each call verified with the wallet's key and each answer signed, with the
 * transport rules of {@link SignedJsonApi}.
 */
public final class WalletApi {

    private final SignedJsonApi<Wallet> api;

    public WalletApi(WalletAuthenticator authenticator, WalletIntake intake, Json json, MessageSigner signer, Clock clock,
                     AnswerDeadlines deadlines) {
        this.api = new SignedJsonApi<>(authenticator::authenticate, json, signer, clock, deadlines);
        api.register(WalletIntake.USER_INITIATED_PAY_PATH, intake::userInitiatedPay);
        api.register(WalletIntake.NOTIFY_PATH, intake::notifyPayment);
        // Alipay+ names the gateway's payment id paymentRequestId, and the wallet's own paymentId: logged as the
        // gateway's ids, so one query by paymentId finds a payment's lines in every function
        api.logIds(Map.of("paymentRequestId", RequestLog.PAYMENT_ID, "paymentId", "walletPaymentId"));
    }

    public OutboundResponse handle(InboundRequest request) {
        return api.handle(request);
    }

    public OutboundResponse refuseUnexpected(InboundRequest request, Throwable error) {
        return api.refuseUnexpected(request, error);
    }
}
