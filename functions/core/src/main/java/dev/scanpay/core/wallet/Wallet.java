package dev.scanpay.core.wallet;

import java.util.List;

/**
 * A wallet (MPP) the gateway routes to.
 *
 * @param endpoint     base URL; the gateway calls {@code endpoint + /payments/pay} and its siblings
 * @param publicKey    base64 X.509 key that every answer and callback from the wallet must verify with
 * @param keyVersion   the keyVersion the wallet signs with
 * @param codePrefixes payment-code prefixes the wallet owns; the longest match wins
 */
public record Wallet(String walletId, String pspName, String endpoint, String publicKey, String keyVersion,
                     List<String> codePrefixes) {

    public Wallet {
        codePrefixes = List.copyOf(codePrefixes);
    }
}
