package dev.scanpay.core.service.reconcile;

import dev.scanpay.core.model.wallet.Wallet;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where a wallet's own records of a day come from. The wallet simulator (and any wallet that offers it) answers a
 * signed {@code settlements/inquiry} at its registered endpoint ({@link SignedWalletRecords}); a wallet that
 * delivers a file elsewhere (SFTP, a bucket) gets an implementation of its own here.
 */
public interface WalletRecords {

    /**
     * Hands on every record of {@code wallet} with a time in [{@code from}, {@code until}), page by page.
     *
     * @throws Unavailable when the wallet's records cannot be had (no answer, unsigned, malformed)
     */
    void forEach(Wallet wallet, Instant from, Instant until, Consumer<WalletRecord> each);

    /** The wallet's records could not be read: the day's break report for it is not made. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
