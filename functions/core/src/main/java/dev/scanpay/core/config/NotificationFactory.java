package dev.scanpay.core.config;

import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.api.legacy.LegacyNotificationSender;
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
 * delivery of those notifications to merchants (which signs, so needs the gateway key, and the legacy partners'
 * MD5 keys for theirs).
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
                                              Clock clock, OutboundHttp http, GatewayConfig config, LegacyMd5Keys md5Keys,
                                              Metrics metrics) {
        // legacy partners' notifications are signed with their MD5 key or the gateway's RSA key, as their spot.pay was
        return new NotificationDelivery(store, payments,
                new NotificationSender(http, signer, json, clock, config.notifyTimeout()),
                new LegacyNotificationSender(http, md5Keys, signer, json, clock, config.notifyTimeout()),
                clock, config.notificationLease(), metrics);
    }

    @Singleton
    MerchantNotifications merchantNotifications(NotificationStore notifications, PaymentStore payments,
                                                NotificationDelivery delivery, Json json) {
        return new MerchantNotifications(notifications, payments, delivery, json);
    }
}
