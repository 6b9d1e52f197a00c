package dev.scanpay.codes;

import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.util.Optional;

/**
 * The wallet an entry-code page is paid in: the one whose in-app browser sent the User-Agent, or else the
 * one a {@code wallet} parameter names (the "continue in this browser" links of a page opened outside any
 * wallet, e.g. a laptop's browser on the local stack).
 *
 * <p>Trusting the parameter is safe: it only chooses which registered wallet's cashier the browser is sent
 * to (the cashier URL comes from the registry, never from the request, so it is no open redirect), and that
 * cashier still authenticates its customer before anything is paid. The payment is recorded for that
 * wallet, so no other wallet can pay it. Only wallets that take entry codes can be chosen.
 *
 * @param byParameter whether the parameter chose it, so the form must carry it to the submit
 */
record ChosenWallet(Wallet wallet, boolean byParameter) {

    static Optional<ChosenWallet> find(WalletDirectory wallets, String userAgent, String walletParameter) {
        Optional<Wallet> inApp = wallets.byUserAgent(userAgent);
        if (inApp.isPresent()) {
            return Optional.of(new ChosenWallet(inApp.get(), false));
        }
        if (walletParameter == null) {
            return Optional.empty();
        }
        // from the cached list, not byId: an unknown id there reloads the registry, which a request must not force
        return wallets.takingEntryCodes().stream()
                .filter(w -> w.walletId().equals(walletParameter))
                .findFirst()
                .map(w -> new ChosenWallet(w, true));
    }
}
