package dev.scanpay.core.service.notify;

import dev.scanpay.core.model.notification.MerchantNotification;

/**
 * One attempt at one notification in one wire format, and whether the merchant acknowledged it:
 * {@link NotificationSender} for AMS's notifyPayment, the legacy gateway's sender for its signed form posts.
 * {@link NotificationDelivery} picks one by the notification's format; the outbox, the schedule and the machine
 * are the same for all.
 */
@FunctionalInterface
public interface NotificationChannel {

    NotificationSender.Attempt send(MerchantNotification notification);
}
