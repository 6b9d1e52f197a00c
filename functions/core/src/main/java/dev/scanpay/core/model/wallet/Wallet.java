package dev.scanpay.core.model.wallet;

import dev.scanpay.core.signing.KeyRing;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A wallet (MPP) the gateway routes to.
 *
 * @param endpoint        base URL; the gateway calls {@code endpoint + /payments/pay} and its siblings
 * @param publicKeys      base64 X.509 keys by keyVersion; every answer and callback from the wallet must verify
 *                        with one of them (the one its Signature header names, when registered). Several
 *                        versions at once let a wallet rotate its key with overlap.
 * @param codePrefixes    payment-code prefixes the wallet owns; the longest match wins
 * @param cashierUrl      the wallet's cashier page for entry-code payments (the browser is sent there with
 *                        {@code ?codeValue=}); null when the wallet takes no entry-code payments
 * @param userAgentMarker text the wallet's in-app browser puts in its User-Agent, which tells an entry-code
 *                        page which wallet opened it; null when unknown
 */
public record Wallet(String walletId, String pspName, String endpoint, Map<String, String> publicKeys,
                     List<String> codePrefixes, String cashierUrl, String userAgentMarker) {

    public Wallet {
        publicKeys = Map.copyOf(publicKeys);
        codePrefixes = List.copyOf(codePrefixes);
        userAgentMarker = userAgentMarker == null || userAgentMarker.isBlank() ? null : userAgentMarker;
    }

    /** A wallet with one key. */
    public Wallet(String walletId, String pspName, String endpoint, String publicKey, String keyVersion,
                  List<String> codePrefixes, String cashierUrl, String userAgentMarker) {
        this(walletId, pspName, endpoint, Map.of(keyVersion, publicKey), codePrefixes, cashierUrl, userAgentMarker);
    }

    /** A wallet with one key that takes user-presented and order-code payments only. */
    public Wallet(String walletId, String pspName, String endpoint, String publicKey, String keyVersion,
                  List<String> codePrefixes) {
        this(walletId, pspName, endpoint, publicKey, keyVersion, codePrefixes, null, null);
    }

    public KeyRing keys() {
        return KeyRing.of(publicKeys);
    }

    public boolean takesEntryCodes() {
        return cashierUrl != null && userAgentMarker != null;
    }

    /** Whether a browser with this User-Agent is this wallet's in-app browser (case-insensitive). */
    public boolean opened(String userAgent) {
        return takesEntryCodes() && userAgent != null
                && userAgent.toLowerCase(Locale.ROOT).contains(userAgentMarker.toLowerCase(Locale.ROOT));
    }
}
