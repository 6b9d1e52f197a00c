package dev.scanpay.core.config;

import dev.scanpay.core.client.ClientDirectory;
import dev.scanpay.core.codes.CodePayments;
import dev.scanpay.core.codes.CodeUrls;
import dev.scanpay.core.codes.EntryCodes;
import dev.scanpay.core.intake.WalletApi;
import dev.scanpay.core.intake.WalletAuthenticator;
import dev.scanpay.core.intake.WalletIntake;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.lifecycle.PaymentFollowUp;
import dev.scanpay.core.lifecycle.PaymentLifecycle;
import dev.scanpay.core.lifecycle.RefundFollowUp;
import dev.scanpay.core.lifecycle.RefundLifecycle;
import dev.scanpay.core.lifecycle.Sweeper;
import dev.scanpay.core.merchant.AmsGateway;
import dev.scanpay.core.notify.MerchantNotices;
import dev.scanpay.core.notify.MerchantNotifications;
import dev.scanpay.core.notify.NotificationDelivery;
import dev.scanpay.core.notify.NotificationSender;
import dev.scanpay.core.merchant.MerchantAuthenticator;
import dev.scanpay.core.merchant.MerchantPayments;
import dev.scanpay.core.merchant.MerchantRefunds;
import dev.scanpay.core.refund.RefundLookup;
import dev.scanpay.core.refund.RefundRequest;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.wallet.WalletCall;
import dev.scanpay.core.wallet.WalletClient;
import dev.scanpay.core.wallet.WalletDirectory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.outbound.OutboundHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the gateway's collaborators once per function instance, at init, when Lambda gives the most CPU.
 * Tests and the local stack replace the Clock (and nothing else) by registering their own.
 */
@Factory
public class ScanpayFactory {

    @Singleton
    @Secondary
    Clock systemClock() {
        return Clock.systemUTC();
    }

    @Singleton
    Json json(JsonMapper mapper) {
        return new Json(mapper);
    }

    @Singleton
    @Secondary
    DynamoDbClient dynamoDbClient(GatewayConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (config.dynamoEndpoint() != null) {
            builder.endpointOverride(URI.create(config.dynamoEndpoint()));
        }
        return builder.build();
    }

    @Singleton
    PaymentStore paymentStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new PaymentStore(dynamo, config.table());
    }

    @Singleton
    RefundStore refundStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new RefundStore(dynamo, config.table());
    }

    @Singleton
    ClientStore clientStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new ClientStore(dynamo, config.table());
    }

    @Singleton
    WalletStore walletStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new WalletStore(dynamo, config.table());
    }

    @Singleton
    CodeStore codeStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new CodeStore(dynamo, config.table());
    }

    @Singleton
    ClientDirectory clientDirectory(ClientStore store, Clock clock) {
        return new ClientDirectory(store, clock);
    }

    @Singleton
    WalletDirectory walletDirectory(WalletStore store, Clock clock) {
        return new WalletDirectory(store, clock);
    }

    @Singleton
    MessageSigner gatewaySigner(GatewayConfig config, Json json) {
        return GatewayKeyLoader.load(config, json);
    }

    @Singleton
    WalletClient.WalletTimeouts walletTimeouts(GatewayConfig config) {
        return new WalletClient.WalletTimeouts(config.payTimeout(), config.inquiryTimeout(), config.cancelTimeout());
    }

    @Singleton
    DestinationRules destinationRules(OutboundConfig outbound) {
        return outbound.destinationRules();
    }

    /** The one outbound HTTP client: wallet calls and merchant notifications alike. */
    @Singleton
    OutboundHttp outboundHttp(OutboundConfig outbound, DestinationRules rules) {
        return new OutboundHttp(rules, outbound.maxAnswerBytes(), outbound.connectTimeout());
    }

    @Singleton
    WalletClient walletClient(Json json, MessageSigner signer, Clock clock, WalletClient.WalletTimeouts timeouts,
                              GatewayConfig config, OutboundHttp http) {
        return new WalletClient(new WalletCall(http, json, signer, clock), timeouts, config.clientId(),
                config.publicUrl() + WalletIntake.NOTIFY_PATH);
    }

    @Singleton
    NotificationStore notificationStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new NotificationStore(dynamo, config.table());
    }

    @Singleton
    MerchantNotices merchantNotices(Json json, Clock clock) {
        return new MerchantNotices(json, clock);
    }

    @Singleton
    PaymentLifecycle paymentLifecycle(PaymentStore store, MerchantNotices notices, NotificationStore notifications) {
        return new PaymentLifecycle(store, notices, notifications);
    }

    @Singleton
    NotificationDelivery notificationDelivery(NotificationStore store, PaymentStore payments, MessageSigner signer, Json json,
                                              Clock clock, OutboundHttp http, OutboundConfig outbound) {
        Duration timeout = outbound.notifyTimeout();
        return new NotificationDelivery(store, payments, new NotificationSender(http, signer, json, clock, timeout), clock,
                timeout.plusSeconds(10));
    }

    @Singleton
    PaymentFollowUp paymentFollowUp(PaymentStore store, PaymentLifecycle lifecycle, WalletDirectory wallets,
                                    WalletClient walletClient, WalletClient.WalletTimeouts timeouts, Clock clock) {
        return new PaymentFollowUp(store, lifecycle, wallets, walletClient, timeouts, clock);
    }

    @Singleton
    RefundLifecycle refundLifecycle(RefundStore store) {
        return new RefundLifecycle(store);
    }

    @Singleton
    RefundFollowUp refundFollowUp(RefundStore store, RefundLifecycle lifecycle, PaymentStore payments,
                                  WalletDirectory wallets, WalletClient walletClient,
                                  WalletClient.WalletTimeouts timeouts, Clock clock) {
        return new RefundFollowUp(store, lifecycle, payments, wallets, walletClient, timeouts, clock);
    }

    @Singleton
    MerchantRefunds merchantRefunds(RefundStore refunds, PaymentStore payments, RefundLifecycle lifecycle,
                                    RefundFollowUp followUp, WalletDirectory wallets, WalletClient walletClient,
                                    WalletClient.WalletTimeouts timeouts, Clock clock) {
        return new MerchantRefunds(refunds, payments, lifecycle, followUp, wallets, walletClient, timeouts, clock);
    }

    @Singleton
    Sweeper sweeper(PaymentFollowUp followUp, RefundFollowUp refundFollowUp, NotificationDelivery delivery,
                    PaymentStore payments, NotificationStore notifications, Clock clock) {
        return new Sweeper(followUp, refundFollowUp, delivery, payments, notifications, clock);
    }

    @Singleton
    CodeUrls codeUrls(GatewayConfig config) {
        return new CodeUrls(config.publicUrl());
    }

    @Singleton
    EntryCodeStore entryCodeStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new EntryCodeStore(dynamo, config.table());
    }

    @Singleton
    CodePayments codePayments(PaymentStore store, CodeStore codeStore, CodeUrls codeUrls, Clock clock) {
        return new CodePayments(store, codeStore, codeUrls, clock);
    }

    @Singleton
    EntryCodes entryCodes(EntryCodeStore entryStore, CodeStore codeStore, PaymentStore payments, CodePayments codePayments,
                          ClientDirectory clients, CodeUrls codeUrls, DestinationRules destinations, Clock clock) {
        return new EntryCodes(entryStore, codeStore, payments, codePayments, clients, codeUrls, destinations, clock);
    }

    @Singleton
    MerchantPayments merchantPayments(PaymentStore store, RefundStore refunds, PaymentLifecycle lifecycle, PaymentFollowUp followUp,
                                      WalletDirectory wallets, WalletClient walletClient,
                                      WalletClient.WalletTimeouts timeouts, CodePayments codePayments, CodeUrls codeUrls,
                                      DestinationRules destinations, Clock clock) {
        return new MerchantPayments(store, refunds, lifecycle, followUp, wallets, walletClient, timeouts, codePayments, codeUrls,
                destinations, clock);
    }

    @Singleton
    WalletAuthenticator walletAuthenticator(WalletDirectory wallets, Clock clock) {
        return new WalletAuthenticator(wallets, clock);
    }

    @Singleton
    WalletIntake walletIntake(PaymentStore store, CodeStore codeStore, PaymentLifecycle lifecycle, CodeUrls codeUrls,
                              GatewayConfig config, Clock clock) {
        return new WalletIntake(store, codeStore, lifecycle, codeUrls, config.clientId(), config.publicUrl(), clock);
    }

    /** Eager, like {@link #amsGateway}: built at init, not on a wallet's first call. */
    @Context
    WalletApi walletApi(WalletAuthenticator authenticator, WalletIntake intake, Json json, MessageSigner signer, Clock clock) {
        return new WalletApi(authenticator, intake, json, signer, clock);
    }

    @Singleton
    MerchantNotifications merchantNotifications(NotificationStore notifications, PaymentStore payments,
                                                NotificationDelivery delivery) {
        return new MerchantNotifications(notifications, payments, delivery);
    }

    @Singleton
    MerchantAuthenticator merchantAuthenticator(ClientDirectory clients, Clock clock) {
        return new MerchantAuthenticator(clients, clock);
    }

    /** Eager: the key load, SDK clients and JSON mapper are built at init, not on the first request. */
    @Context
    AmsGateway amsGateway(MerchantAuthenticator authenticator, MerchantPayments payments, MerchantRefunds refunds,
                          EntryCodes entryCodes, MerchantNotifications notifications, Json json, MessageSigner signer,
                          Clock clock) {
        AmsGateway gateway = new AmsGateway(authenticator, payments, json, signer, clock);
        gateway.register("refund", (client, body) -> refunds.refund(client, RefundRequest.parse(body)));
        gateway.register("inquiryRefund", (client, body) -> refunds.inquire(client, RefundLookup.parse(body)));
        gateway.register("codes", "registerEntryCode", entryCodes::register);
        gateway.register("notifications", "resend", notifications::resend);
        gateway.register("notifications", "listUndelivered", notifications::listUndelivered);
        return gateway;
    }
}
