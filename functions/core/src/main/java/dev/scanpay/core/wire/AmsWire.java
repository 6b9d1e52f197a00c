package dev.scanpay.core.wire;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Wire forms shared by every AMS and Alipay+ message. */
public final class AmsWire {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private AmsWire() {
    }

    /** {currency, value}: value is minor units as a string. */
    public static Map<String, Object> amount(Money money) {
        return JsonObject.create().put("currency", money.currencyCode()).put("value", money.minorString()).build();
    }

    /** ISO 8601 with an explicit offset, e.g. 2026-11-23T01:41:28+00:00. */
    public static String time(Instant instant) {
        return instant == null ? null : ISO.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** The order as Alipay+ sends it to a wallet (pay, userInitiatedPay): ids, description, merchant and store. */
    public static Map<String, Object> order(OrderDetails order, Money amount) {
        if (order == null) {
            return null;
        }
        return JsonObject.create()
                .put("referenceOrderId", order.referenceOrderId())
                .put("orderDescription", order.orderDescription())
                .put("orderAmount", amount(amount))
                .put("merchant", JsonObject.create()
                        .put("referenceMerchantId", order.referenceMerchantId())
                        .put("merchantName", order.merchantName())
                        .put("merchantMCC", order.merchantMCC())
                        .put("store", JsonObject.create()
                                .put("referenceStoreId", order.referenceStoreId())
                                .put("storeName", order.storeName())
                                .put("storeMCC", order.storeMCC())))
                .build();
    }
}
