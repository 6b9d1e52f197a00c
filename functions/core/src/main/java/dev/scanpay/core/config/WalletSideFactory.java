package dev.scanpay.core.config;

import dev.scanpay.core.service.intake.WalletIntake;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.followup.PaymentFollowUp;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.service.followup.RefundFollowUp;
import dev.scanpay.core.service.followup.RefundLifecycle;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.service.wallet.WalletCall;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import dev.scanpay.core.observe.Metrics;
import jakarta.inject.Singleton;
import dev.scanpay.core.outbound.OutboundHttp;
import java.time.Clock;
import java.time.Duration;

/**
 * The gateway calling wallets (signed, so it needs the gateway key), the follow-up of payments and refunds
 * whose wallet answer is outstanding, and the sweeper's run over everything due.
 */
@Factory
public class WalletSideFactory {

    @Singleton
    WalletClient.WalletTimeouts walletTimeouts(GatewayConfig config) {
        return config.walletTimeouts();
    }

    @Singleton
    WalletClient walletClient(Json json, MessageSigner signer, Clock clock, WalletClient.WalletTimeouts timeouts,
                              GatewayConfig config, OutboundHttp http, Metrics metrics) {
        return new WalletClient(new WalletCall(http, json, signer, clock, metrics), timeouts, config.clientId(),
                config.publicUrl() + WalletIntake.NOTIFY_PATH, metrics);
    }

    @Singleton
    PaymentFollowUp paymentFollowUp(PaymentStore store, PaymentLifecycle lifecycle, WalletDirectory wallets,
                                    WalletClient walletClient, WalletClient.WalletTimeouts timeouts, Clock clock,
                                    Metrics metrics) {
        return new PaymentFollowUp(store, lifecycle, wallets, walletClient, timeouts, clock, metrics);
    }

    @Singleton
    RefundLifecycle refundLifecycle(RefundStore store, MerchantNotices notices, NotificationStore notifications, Metrics metrics) {
        return new RefundLifecycle(store, notices, notifications, metrics);
    }

    @Singleton
    RefundFollowUp refundFollowUp(RefundStore store, RefundLifecycle lifecycle, PaymentStore payments,
                                  WalletDirectory wallets, WalletClient walletClient,
                                  WalletClient.WalletTimeouts timeouts, Clock clock, Metrics metrics) {
        return new RefundFollowUp(store, lifecycle, payments, wallets, walletClient, timeouts, clock, metrics);
    }

    /** The sweeper waits on the wall clock; a test that moves the clock registers its own pause. */
    @Singleton
    @Secondary
    Sweeper.Pause sweeperPause() {
        return Sweeper.Pause.SLEEP;
    }

    @Singleton
    Sweeper sweeper(PaymentFollowUp followUp, RefundFollowUp refundFollowUp, NotificationDelivery delivery,
                    PaymentStore payments, RefundStore refunds, NotificationStore notifications, Clock clock,
                    Sweeper.Pause pause, Metrics metrics) {
        return new Sweeper(followUp, refundFollowUp, delivery, new Sweeper.DueQueues(payments, refunds, notifications),
                clock, pause, metrics);
    }
}
