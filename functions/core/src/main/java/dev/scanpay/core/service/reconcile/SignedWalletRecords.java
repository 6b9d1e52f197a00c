package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.service.wallet.WalletCall;
import dev.scanpay.core.wire.AmsWire;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A wallet's records of a day from its {@code settlements/inquiry}: a signed Alipay+-style call to the wallet's
 * registered endpoint, answered page by page (each within the outbound cap on an answer's size), each answer's
 * signature verified with the wallet's registered keys ({@link WalletCall}).
 */
public class SignedWalletRecords implements WalletRecords {

    public static final String OPERATION = "/settlements/inquiry";
    /** Records per page: a page of them stays far below the 64 KB an answer may have. */
    static final int PAGE_SIZE = 100;
    /** A wallet's file of a day is at most this many pages: a wallet that never says "no more" is cut off. */
    static final int MAX_PAGES = 10_000;

    private final WalletCall call;
    private final Duration timeout;

    public SignedWalletRecords(WalletCall call, Duration timeout) {
        this.call = call;
        this.timeout = timeout;
    }

    @Override
    public void forEach(Wallet wallet, Instant from, Instant until, Consumer<WalletRecord> each) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, Object> request = Map.of("startTime", AmsWire.time(from), "endTime", AmsWire.time(until),
                    "pageNumber", page, "pageSize", PAGE_SIZE);
            WalletCall.Reply reply = call.post(wallet, OPERATION, request, timeout);
            if (!(reply instanceof WalletCall.Verified verified)) {
                throw new Unavailable(((WalletCall.NoAnswer) reply).reason());
            }
            if (verified.answer().result().resultStatus() != ResultStatus.S) {
                throw new Unavailable(wallet.walletId() + " refused the settlement inquiry: " + verified.answer().result().resultCode());
            }
            Map<String, Object> body = verified.answer().body();
            if (!(body.get("records") instanceof List<?> records)) {
                throw new Unavailable(wallet.walletId() + " answered without records");
            }
            try {
                records.forEach(r -> each.accept(record((Map<?, ?>) r)));
            } catch (RuntimeException e) {
                throw new Unavailable(wallet.walletId() + " answered a malformed record: " + e.getMessage());
            }
            if (!Boolean.TRUE.equals(body.get("hasMore"))) {
                return;
            }
        }
        throw new Unavailable(wallet.walletId() + " kept answering more pages than a day can have");
    }

    private static WalletRecord record(Map<?, ?> r) {
        Map<?, ?> amount = (Map<?, ?>) r.get("amount");
        return new WalletRecord(text(r, "transactionType"), text(r, "paymentRequestId"), text(r, "refundRequestId"),
                text(r, "walletTransactionId"), Long.parseLong(String.valueOf(amount.get("value"))),
                String.valueOf(amount.get("currency")), OffsetDateTime.parse(String.valueOf(r.get("transactionTime"))).toInstant());
    }

    private static String text(Map<?, ?> r, String field) {
        Object value = r.get(field);
        return value == null ? null : String.valueOf(value);
    }
}
