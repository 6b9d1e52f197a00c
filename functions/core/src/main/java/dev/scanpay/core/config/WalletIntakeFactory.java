package dev.scanpay.core.config;

import dev.scanpay.core.api.AnswerDeadlines;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.api.wallet.WalletApi;
import dev.scanpay.core.api.wallet.WalletAuthenticator;
import dev.scanpay.core.service.intake.WalletIntake;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.service.directory.WalletDirectory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The Alipay+ wallet API (wallets calling the gateway): its intake and the signed dispatcher serving it.
 * Built where the wallet API's controller is (eager there, so at init).
 */
@Factory
public class WalletIntakeFactory {

    @Singleton
    WalletAuthenticator walletAuthenticator(WalletDirectory wallets, Clock clock) {
        return new WalletAuthenticator(wallets, clock);
    }

    @Singleton
    WalletIntake walletIntake(PaymentStore store, CodeStore codeStore, PaymentLifecycle lifecycle, CodeUrls codeUrls,
                              GatewayConfig config, Clock clock) {
        return new WalletIntake(store, codeStore, lifecycle, codeUrls, config.clientId(), config.publicUrl(), clock);
    }

    @Singleton
    WalletApi walletApi(WalletAuthenticator authenticator, WalletIntake intake, Json json, MessageSigner signer, Clock clock,
                        AnswerDeadlines deadlines) {
        return new WalletApi(authenticator, intake, json, signer, clock, deadlines);
    }
}
