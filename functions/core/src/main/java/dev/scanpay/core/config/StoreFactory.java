package dev.scanpay.core.config;

import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.service.directory.WalletDirectory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The table's stores, and the cached directories of clients and wallets read through them. */
@Factory
public class StoreFactory {

    @Singleton
    PaymentStore paymentStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new PaymentStore(dynamo, config.table(), config.businessDay());
    }

    @Singleton
    RefundStore refundStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new RefundStore(dynamo, config.table(), config.businessDay());
    }

    @Singleton
    LedgerStore ledgerStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new LedgerStore(dynamo, config.table());
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
    NotificationStore notificationStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new NotificationStore(dynamo, config.table());
    }

    @Singleton
    EntryCodeStore entryCodeStore(DynamoDbClient dynamo, GatewayConfig config) {
        return new EntryCodeStore(dynamo, config.table());
    }

    @Singleton
    ClientDirectory clientDirectory(ClientStore store, Clock clock) {
        return new ClientDirectory(store, clock);
    }

    @Singleton
    WalletDirectory walletDirectory(WalletStore store, Clock clock) {
        return new WalletDirectory(store, clock);
    }
}
