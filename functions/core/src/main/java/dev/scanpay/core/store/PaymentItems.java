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
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.payment.WalletCustomer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Payment <-> item. Attribute names are the record's field names, so items read well in the console. */
final class PaymentItems {

    private static final String PAY_UNSENT = "payUnsent";

    static final String TYPE = "PAY";

    private PaymentItems() {
    }

    static Map<String, AttributeValue> key(String paymentId) {
        return Map.of(ScanpayTable.PK, s("PAY#" + paymentId), ScanpayTable.SK, s(TYPE));
    }

    static Map<String, AttributeValue> toItem(Payment p) {
        Map<String, AttributeValue> item = new HashMap<>(key(p.paymentId()));
        putS(item, "paymentId", p.paymentId());
        putS(item, "clientId", p.clientId());
        putS(item, "paymentRequestId", p.paymentRequestId());
        putEnum(item, "scenario", p.scenario());
        putN(item, "amount", p.amount().minor());
        putS(item, "currency", p.amount().currencyCode());
        putEnum(item, "status", p.status());
        putS(item, "resultCode", p.resultCode());
        putS(item, "resultMessage", p.resultMessage());
        OrderDetails o = p.order();
        if (o != null) {
            putS(item, "referenceOrderId", o.referenceOrderId());
            putS(item, "orderDescription", o.orderDescription());
            putS(item, "referenceMerchantId", o.referenceMerchantId());
            putS(item, "merchantName", o.merchantName());
            putS(item, "merchantMCC", o.merchantMCC());
            putS(item, "referenceStoreId", o.referenceStoreId());
            putS(item, "storeName", o.storeName());
            putS(item, "storeMCC", o.storeMCC());
            putS(item, "terminalId", o.terminalId());
        }
        putS(item, "paymentCodeMask", p.paymentCodeMask());
        putS(item, "notifyUrl", p.notifyUrl());
        putS(item, "walletId", p.walletId());
        putS(item, "walletPaymentId", p.walletPaymentId());
        WalletCustomer c = p.customer();
        if (c != null) {
            putS(item, "pspName", c.pspName());
            putS(item, "pspCustomerId", c.pspCustomerId());
            putS(item, "displayCustomerId", c.displayCustomerId());
        }
        putTime(item, "createdAt", p.createdAt());
        putTime(item, "updatedAt", p.updatedAt());
        putTime(item, "paymentTime", p.paymentTime());
        putTime(item, "expiresAt", p.expiresAt());
        if (p.nextCheckAt() != null) {
            putTime(item, ScanpayTable.NEXT_CHECK_AT, p.nextCheckAt());
            putS(item, ScanpayTable.DUE_SHARD, ScanpayTable.dueShard(p.paymentId()));
        }
        putTime(item, "deadlineAt", p.deadlineAt());
        putN(item, "checkCount", (long) p.checkCount());
        putEnum(item, "cancelState", p.cancelState());
        putEnum(item, "closedBy", p.closedBy());
        putTime(item, "cancelTime", p.cancelTime());
        putTime(item, "lateSuccessAt", p.lateSuccessAt());
        putN(item, "refundedMinor", p.refundedMinor());
        putN(item, "version", p.version());
        putS(item, "codeToken", p.codeToken());
        putS(item, "redirectUrl", p.redirectUrl());
        putS(item, "storeSlot", p.storeSlot());
        if (p.payUnsent()) {
            // written only while true: a payment stored before this mark existed reads as sent, as it was
            item.put(PAY_UNSENT, AttributeValue.fromBool(true));
        }
        if (p.notifyFormat() != NotifyFormat.AMS) {
            // absent means AMS, as on every payment stored before formats existed
            putEnum(item, "notifyFormat", p.notifyFormat());
        }
        return item;
    }

    /** The payment as stored now (a consistent read), or empty: the one read of a payment item, for both stores. */
    static Optional<Payment> read(DynamoDbClient dynamo, String table, String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(paymentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    static Payment fromItem(Map<String, AttributeValue> item) {
        OrderDetails order = java.util.stream.Stream.of("referenceOrderId", "orderDescription", "referenceMerchantId",
                "merchantName", "merchantMCC", "referenceStoreId", "storeName", "storeMCC", "terminalId")
                .noneMatch(item::containsKey) ? null : new OrderDetails(str(item, "referenceOrderId"), str(item, "orderDescription"),
                str(item, "referenceMerchantId"), str(item, "merchantName"), str(item, "merchantMCC"),
                str(item, "referenceStoreId"), str(item, "storeName"), str(item, "storeMCC"), str(item, "terminalId"));
        WalletCustomer customer = str(item, "pspCustomerId") == null && str(item, "pspName") == null ? null
                : new WalletCustomer(str(item, "pspName"), str(item, "pspCustomerId"), str(item, "displayCustomerId"));
        return Payment.builder()
                .paymentId(str(item, "paymentId"))
                .clientId(str(item, "clientId"))
                .paymentRequestId(str(item, "paymentRequestId"))
                .scenario(enumValue(item, "scenario", Scenario.class))
                .amount(Money.of(num(item, "amount"), str(item, "currency")))
                .status(enumValue(item, "status", PaymentStatus.class))
                .result(str(item, "resultCode"), str(item, "resultMessage"))
                .order(order)
                .paymentCodeMask(str(item, "paymentCodeMask"))
                .notifyUrl(str(item, "notifyUrl"))
                .walletId(str(item, "walletId"))
                .walletPaymentId(str(item, "walletPaymentId"))
                .customer(customer)
                .createdAt(time(item, "createdAt"))
                .updatedAt(time(item, "updatedAt"))
                .paymentTime(time(item, "paymentTime"))
                .expiresAt(time(item, "expiresAt"))
                .nextCheckAt(time(item, ScanpayTable.NEXT_CHECK_AT))
                .deadlineAt(time(item, "deadlineAt"))
                .checkCount((int) num(item, "checkCount"))
                .cancelState(enumValue(item, "cancelState", CancelState.class))
                .closedBy(enumValue(item, "closedBy", ClosedBy.class))
                .cancelTime(time(item, "cancelTime"))
                .lateSuccessAt(time(item, "lateSuccessAt"))
                .refundedMinor(num(item, "refundedMinor"))
                .version(num(item, "version"))
                .codeToken(str(item, "codeToken"))
                .redirectUrl(str(item, "redirectUrl"))
                .storeSlot(str(item, "storeSlot"))
                .payUnsent(item.containsKey(PAY_UNSENT) && Boolean.TRUE.equals(item.get(PAY_UNSENT).bool()))
                .notifyFormat(enumValue(item, "notifyFormat", NotifyFormat.class))
                .build();
    }
}
