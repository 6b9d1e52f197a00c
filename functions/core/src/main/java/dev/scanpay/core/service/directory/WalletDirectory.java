package dev.scanpay.core.service.directory;

import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.store.WalletStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The registered wallets, loaded with one Query and kept for a short while per function instance, and
 * routing of a payment code to the wallet that owns its longest matching prefix.
 */
public final class WalletDirectory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final WalletStore store;
    private final Clock clock;
    private volatile List<Wallet> wallets;
    private volatile Instant loadedAt = Instant.MIN;

    public WalletDirectory(WalletStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<Wallet> route(String paymentCode) {
        return current().stream()
                .flatMap(w -> w.codePrefixes().stream().filter(paymentCode::startsWith)
                        .map(prefix -> new Match(w, prefix.length())))
                .max(Comparator.comparingInt(Match::length))
                .map(Match::wallet);
    }

    /** The wallet whose in-app browser sent this User-Agent, for entry-code pages. */
    public Optional<Wallet> byUserAgent(String userAgent) {
        return current().stream().filter(w -> w.opened(userAgent)).findFirst();
    }

    /** Wallets that take entry-code payments, to name them on a page opened outside any wallet. */
    public List<Wallet> takingEntryCodes() {
        return current().stream().filter(Wallet::takesEntryCodes).toList();
    }

    /**
     * From the loaded list while it is fresh; otherwise, or when the list does not have it, one GetItem. Never
     * a reload of the whole registry: the wallet API calls this with whatever Client-Id a stranger sends.
     */
    public Optional<Wallet> byId(String walletId) {
        if (walletId == null) {
            return Optional.empty();
        }
        List<Wallet> loaded = wallets;
        if (loaded != null && fresh()) {
            Optional<Wallet> cached = loaded.stream().filter(w -> w.walletId().equals(walletId)).findFirst();
            if (cached.isPresent()) {
                return cached;
            }
        }
        return store.get(walletId);
    }

    public void refresh() {
        wallets = store.all();
        loadedAt = clock.instant();
    }

    private List<Wallet> current() {
        if (wallets == null || !fresh()) {
            refresh();
        }
        return wallets;
    }

    private boolean fresh() {
        Instant now = clock.instant();
        return !now.isAfter(loadedAt.plus(TTL)) && !now.isBefore(loadedAt);
    }

    private record Match(Wallet wallet, int length) {
    }
}
