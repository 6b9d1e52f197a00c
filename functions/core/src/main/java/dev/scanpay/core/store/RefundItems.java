package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.enumValue;
import static dev.scanpay.core.store.Attrs.num;
import static dev.scanpay.core.store.Attrs.putEnum;
import static dev.scanpay.core.store.Attrs.putN;
import static dev.scanpay.core.store.Attrs.putS;
import static dev.scanpay.core.store.Attrs.putTime;
import static dev.scanpay.core.store.Attrs.s;
import static dev.scanpay.core.store.Attrs.str;
import static dev.scanpay.core.store.Attrs.time;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Refund <-> item. A refund lives in its payment's partition, so a payment's refunds are one Query. */
final class RefundItems {

    static final String SK_PREFIX = "REFUND#";

    private RefundItems() {
    }

    static Map<String, AttributeValue> key(String paymentId, String refundId) {
        return Map.of(ScanpayTable.PK, s("PAY#" + paymentId), ScanpayTable.SK, s(SK_PREFIX + refundId));
    }

    static Map<String, AttributeValue> toItem(Refund r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.paymentId(), r.refundId()));
        putS(item, "refundId", r.refundId());
        putS(item, "refundRequestId", r.refundRequestId());
        putS(item, "clientId", r.clientId());
        putS(item, "paymentId", r.paymentId());
        putS(item, "walletId", r.walletId());
        putN(item, "amount", r.amount().minor());
        putS(item, "currency", r.amount().currencyCode());
        putEnum(item, "status", r.status());
        putS(item, "resultCode", r.resultCode());
        putS(item, "resultMessage", r.resultMessage());
        putS(item, "referenceRefundId", r.referenceRefundId());
        putS(item, "reason", r.reason());
        putS(item, "walletRefundId", r.walletRefundId());
        putTime(item, "createdAt", r.createdAt());
        putTime(item, "updatedAt", r.updatedAt());
        putTime(item, "refundTime", r.refundTime());
        if (r.nextCheckAt() != null) {
            putTime(item, ScanpayTable.NEXT_CHECK_AT, r.nextCheckAt());
            putS(item, ScanpayTable.DUE_SHARD, ScanpayTable.refundDueShard(r.refundId()));
        }
        putN(item, "checkCount", (long) r.checkCount());
        putN(item, "version", r.version());
        putS(item, "notifyUrl", r.notifyUrl());
        if (r.notifyFormat() != NotifyFormat.AMS) {
            putEnum(item, "notifyFormat", r.notifyFormat());
        }
        if (r.unsent()) {
            // stored under its first name (a legacy is_sync=N refund's), so refunds stored before keep their meaning
            item.put("deferred", AttributeValue.fromBool(true));
        }
        return item;
    }

    static Refund fromItem(Map<String, AttributeValue> item) {
        return Refund.builder()
                .refundId(str(item, "refundId"))
                .refundRequestId(str(item, "refundRequestId"))
                .clientId(str(item, "clientId"))
                .paymentId(str(item, "paymentId"))
                .walletId(str(item, "walletId"))
                .amount(Money.of(num(item, "amount"), str(item, "currency")))
                .status(enumValue(item, "status", RefundStatus.class))
                .result(str(item, "resultCode"), str(item, "resultMessage"))
                .referenceRefundId(str(item, "referenceRefundId"))
                .reason(str(item, "reason"))
                .walletRefundId(str(item, "walletRefundId"))
                .createdAt(time(item, "createdAt"))
                .updatedAt(time(item, "updatedAt"))
                .refundTime(time(item, "refundTime"))
                .nextCheckAt(time(item, ScanpayTable.NEXT_CHECK_AT))
                .checkCount((int) num(item, "checkCount"))
                .version(num(item, "version"))
                .notifyUrl(str(item, "notifyUrl"))
                .notifyFormat(enumValue(item, "notifyFormat", NotifyFormat.class))
                // stored as "deferred", which before refunds were marked sent also stayed set on a legacy is_sync=N
                // refund whose check had claimed (and maybe sent) it: only one never claimed is surely unsent
                .unsent(item.containsKey("deferred") && Boolean.TRUE.equals(item.get("deferred").bool())
                        && num(item, "checkCount") == 0)
                .build();
    }

    static boolean isRefund(Map<String, AttributeValue> item) {
        String sk = str(item, ScanpayTable.SK);
        return sk != null && sk.startsWith(SK_PREFIX);
    }
}
