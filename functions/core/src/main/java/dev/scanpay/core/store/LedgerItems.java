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

import dev.scanpay.core.model.ledger.LedgerEntry;
import dev.scanpay.core.model.ledger.LedgerEntryType;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.money.Money;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * LedgerEntry <-> item. An entry lives in its client's partition for its business day, sorted by time then id,
 * so a client's day is one Query in a fixed order; {@code walletDay} puts it in its wallet's day in the
 * {@code ledger} index the same way.
 */
final class LedgerItems {

    /** Sortable as text, to the millisecond, always with the millis (ISO_INSTANT drops them when zero). */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LedgerItems() {
    }

    static String clientDay(String clientId, LocalDate day) {
        return "LEDGER#C#" + clientId + "#" + day;
    }

    static String walletDay(String walletId, LocalDate day) {
        return "LEDGER#W#" + walletId + "#" + day;
    }

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ScanpayTable.PK, s(clientDay(e.clientId(), e.businessDay())));
        item.put(ScanpayTable.SK, s(SORTABLE.format(e.time()) + "#" + e.entryId()));
        if (e.walletId() != null) {
            item.put(ScanpayTable.LEDGER_WALLET_DAY, s(walletDay(e.walletId(), e.businessDay())));
        }
        putS(item, "entryId", e.entryId());
        putEnum(item, "type", e.type());
        putS(item, "paymentId", e.paymentId());
        putS(item, "paymentRequestId", e.paymentRequestId());
        putS(item, "refundId", e.refundId());
        putS(item, "refundRequestId", e.refundRequestId());
        putS(item, "walletPaymentId", e.walletPaymentId());
        putS(item, "clientId", e.clientId());
        putS(item, "referenceMerchantId", e.referenceMerchantId());
        putS(item, "referenceStoreId", e.referenceStoreId());
        putS(item, "walletId", e.walletId());
        putEnum(item, "scenario", e.scenario());
        putN(item, "amount", e.amount().minor());
        putS(item, "currency", e.amount().currencyCode());
        putTime(item, "createdAt", e.createdAt());
        putTime(item, "time", e.time());
        putS(item, "businessDay", e.businessDay().toString());
        return item;
    }

    static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        Instant time = time(item, "time");
        return new LedgerEntry(str(item, "entryId"), enumValue(item, "type", LedgerEntryType.class),
                str(item, "paymentId"), str(item, "paymentRequestId"), str(item, "refundId"),
                str(item, "refundRequestId"), str(item, "walletPaymentId"), str(item, "clientId"),
                str(item, "referenceMerchantId"), str(item, "referenceStoreId"), str(item, "walletId"),
                enumValue(item, "scenario", Scenario.class), Money.of(num(item, "amount"), str(item, "currency")),
                time(item, "createdAt"), time, LocalDate.parse(str(item, "businessDay")));
    }
}
