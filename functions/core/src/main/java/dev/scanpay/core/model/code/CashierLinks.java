package dev.scanpay.core.model.code;

import dev.scanpay.core.model.wallet.Wallet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an entry-code payment sends the customer's browser: the wallet's cashier page, handed the
 * payment's one-time code value, which the wallet resolves with userInitiatedPay as if it had scanned it.
 */
public final class CashierLinks {

    private CashierLinks() {
    }

    public static String of(Wallet wallet, String codeValue) {
        String base = wallet.cashierUrl();
        return base + (base.contains("?") ? "&" : "?") + "codeValue=" + URLEncoder.encode(codeValue, StandardCharsets.UTF_8);
    }
}
