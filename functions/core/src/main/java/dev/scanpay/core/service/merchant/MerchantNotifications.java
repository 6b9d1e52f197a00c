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
import dev.scanpay.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * What a merchant can do about its notifications (signed AMS calls): have a payment's notification sent
 * again ({@code /ams/api/v1/notifications/resend}) and list those every attempt failed for
 * ({@code /ams/api/v1/notifications/listUndelivered}); and what a legacy partner can ask of one it received
 * (notify_verify).
 */
public final class MerchantNotifications {

    private static final int LIST_LIMIT = 100;

    private final NotificationStore notifications;
    private final PaymentStore payments;
    private final NotificationDelivery delivery;
    private final Json json;

    public MerchantNotifications(NotificationStore notifications, PaymentStore payments, NotificationDelivery delivery,
                                 Json json) {
        this.json = json;
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

    /**
     * The legacy API's notify_verify (protocol.md §8.2): whether {@code notifyId} is the notify_id of a legacy
     * notification this gateway made for {@code clientId} and has sent (or is sending). False for an unknown id, one
     * not yet attempted, a superseded one, an AMS notification, and one of another client: the check is unsigned, so
     * it must tell nobody anything about notifications that are not the asker's own. The notify_id's random part is
     * compared in constant time.
     */
    public boolean legacyNotificationSent(String clientId, String notifyId) {
        return MerchantNotices.notificationIdOfLegacy(notifyId)
                .flatMap(notifications::get)
                .filter(n -> n.format().isLegacy() && n.clientId().equals(clientId))
                // claims, not attempts: the first attempt counts only once its outcome is recorded, and the merchant
                // checks while it is still answering it
                .filter(n -> n.claims() > 0 && n.status() != NotificationStatus.SUPERSEDED)
                .map(n -> json.parseObject(n.body().getBytes(StandardCharsets.UTF_8)).get("notify_id"))
                .filter(stored -> stored instanceof String s && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.UTF_8), notifyId.getBytes(StandardCharsets.UTF_8)))
                .isPresent();
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
