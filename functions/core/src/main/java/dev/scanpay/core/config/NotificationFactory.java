package dev.scanpay.core.config;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.service.merchant.MerchantNotifications;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.service.notify.NotificationSender;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import io.micronaut.context.annotation.Factory;
import dev.scanpay.core.observe.Metrics;
import jakarta.inject.Singleton;
import dev.scanpay.core.outbound.OutboundHttp;
import java.time.Clock;

/**
 * Payment state changes with the notifications they owe (written in the same transaction), and the
 * delivery of those notifications to merchants (which signs, so needs the gateway key).
 */
@Factory
public class NotificationFactory {

    @Singleton
    MerchantNotices merchantNotices(Json json, Clock clock) {
        return new MerchantNotices(json, clock);
    }

    @Singleton
    PaymentLifecycle paymentLifecycle(PaymentStore store, MerchantNotices notices, NotificationStore notifications,
                                      Metrics metrics) {
        return new PaymentLifecycle(store, notices, notifications, metrics);
    }

    @Singleton
    NotificationDelivery notificationDelivery(NotificationStore store, PaymentStore payments, MessageSigner signer, Json json,
                                              Clock clock, OutboundHttp http, GatewayConfig config, Metrics metrics) {
        return new NotificationDelivery(store, payments,
                new NotificationSender(http, signer, json, clock, config.notifyTimeout()), clock, config.notificationLease(),
                metrics);
    }

    @Singleton
    MerchantNotifications merchantNotifications(NotificationStore notifications, PaymentStore payments,
                                                NotificationDelivery delivery) {
        return new MerchantNotifications(notifications, payments, delivery);
    }
}
