package dev.scanpay.core.service.merchant;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.service.merchant.PaymentLookup;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import java.util.List;
import java.util.Map;

/**
 * What a merchant can do about its notifications (signed AMS calls): have a payment's notification sent
 * again ({@code /ams/api/v1/notifications/resend}) and list those every attempt failed for
 * ({@code /ams/api/v1/notifications/listUndelivered}).
 */
public final class MerchantNotifications {

    private static final int LIST_LIMIT = 100;

    private final NotificationStore notifications;
    private final PaymentStore payments;
    private final NotificationDelivery delivery;

    public MerchantNotifications(NotificationStore notifications, PaymentStore payments, NotificationDelivery delivery) {
        this.notifications = notifications;
        this.payments = payments;
        this.delivery = delivery;
    }

    public Map<String, Object> resend(KnownClient caller, Fields body) {
        Payment payment = PaymentLookup.parse(body).findFor(caller.client().clientId(), payments);
        MerchantNotification notification = notifications.get(MerchantNotices.notificationId(payment.paymentId()))
                .orElseThrow(() -> new ProtocolException(ResultCode.ORDER_STATUS_INVALID,
                        "the payment has no notification: it has no final result yet, or no notify URL"));
        if (notification.status() == NotificationStatus.SUPERSEDED) {
            throw new ProtocolException(ResultCode.ORDER_STATUS_INVALID, "the payment no longer has the result it was to notify");
        }
        MerchantNotification after = delivery.resend(notification);
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("notification", view(after))
                .build();
    }

    public Map<String, Object> listUndelivered(KnownClient caller, Fields body) {
        List<Map<String, Object>> dead = notifications.deadLettered(caller.client().clientId(), LIST_LIMIT).stream()
                .filter(n -> n.status() == NotificationStatus.DEAD_LETTERED)
                .map(MerchantNotifications::view)
                .toList();
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("notifications", dead)
                .build();
    }

    private static Map<String, Object> view(MerchantNotification n) {
        return JsonObject.create()
                .put("notifyId", n.notificationId())
                .put("paymentId", n.paymentId())
                .put("notificationStatus", n.status().name())
                .put("attempts", Integer.toString(n.attempts()))
                .put("lastProblem", n.lastProblem())
                .put("createTime", AmsWire.time(n.createdAt()))
                .put("deliveredTime", AmsWire.time(n.deliveredAt()))
                .put("nextAttemptTime", AmsWire.time(n.nextCheckAt()))
                .build();
    }
}
