package dev.scanpay.core.config;

import dev.scanpay.core.service.reconcile.MerchantReports;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.followup.PaymentFollowUp;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.service.followup.RefundFollowUp;
import dev.scanpay.core.service.followup.RefundLifecycle;
import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.api.merchant.MerchantAuthenticator;
import dev.scanpay.core.service.merchant.MerchantPayments;
import dev.scanpay.core.service.merchant.MerchantRefunds;
import dev.scanpay.core.service.merchant.MerchantNotifications;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import io.micronaut.context.annotation.Factory;
import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.api.AnswerDeadlines;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The AMS merchant API: its operations and the signed dispatcher serving them. Built where the merchant
 * API's controller is (that controller is eager, so this is built at init, key included).
 */
@Factory
public class MerchantSideFactory {

    @Singleton
    MerchantRefunds merchantRefunds(RefundStore refunds, PaymentStore payments, RefundLifecycle lifecycle,
                                    RefundFollowUp followUp, WalletDirectory wallets, WalletClient walletClient,
                                    WalletClient.WalletTimeouts timeouts, NotifyUrlRule notifyUrls, Clock clock) {
        return new MerchantRefunds(refunds, payments, lifecycle, followUp, wallets, walletClient, timeouts, notifyUrls,
                clock);
    }

    @Singleton
    MerchantPayments merchantPayments(PaymentStore store, RefundStore refunds, PaymentLifecycle lifecycle, PaymentFollowUp followUp,
                                      WalletDirectory wallets, WalletClient walletClient,
                                      WalletClient.WalletTimeouts timeouts, CodePayments codePayments, CodeUrls codeUrls,
                                      NotifyUrlRule notifyUrls, Clock clock) {
        return new MerchantPayments(store, refunds, lifecycle, followUp, wallets, walletClient, timeouts, codePayments, codeUrls,
                notifyUrls, clock);
    }

    @Singleton
    MerchantAuthenticator merchantAuthenticator(ClientDirectory clients, Clock clock) {
        return new MerchantAuthenticator(clients, clock);
    }

    @Singleton
    AmsGateway amsGateway(MerchantAuthenticator authenticator, MerchantPayments payments, MerchantRefunds refunds,
                          EntryCodes entryCodes, MerchantNotifications notifications, MerchantReports reports, Json json,
                          MessageSigner signer, Clock clock, AnswerDeadlines deadlines) {
        return new AmsGateway(authenticator, payments, refunds, entryCodes, notifications, reports, json, signer, clock, deadlines);
    }
}
