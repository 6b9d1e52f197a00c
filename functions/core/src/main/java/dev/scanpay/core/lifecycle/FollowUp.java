package dev.scanpay.core.lifecycle;

import dev.scanpay.core.rules.Step;
import dev.scanpay.core.wallet.Wallet;
import dev.scanpay.core.wallet.WalletDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sweeper, a merchant's inquiry and a repeated request share when a record is due: take each due
 * record in turn, and before a wallet call claim the record's check with a conditional write, so racing
 * triggers make one wallet call per check, not one each. {@link PaymentFollowUp} and {@link RefundFollowUp}
 * say what a due record needs.
 */
public abstract class FollowUp<R> {

    private static final Duration MISSING_WALLET_RETRY = Duration.ofMinutes(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String kind;
    protected final Lifecycle<R> lifecycle;
    protected final WalletDirectory wallets;
    protected final Clock clock;

    protected FollowUp(String kind, Lifecycle<R> lifecycle, WalletDirectory wallets, Clock clock) {
        this.kind = kind;
        this.lifecycle = lifecycle;
        this.wallets = wallets;
        this.clock = clock;
    }

    /** Returns the record as it stands afterwards; does nothing unless it is due. */
    public abstract R checkIfDue(R record);

    /** Records due now, up to {@code limit} per due-index shard. */
    protected abstract List<R> due(Instant now, int limit);

    /** The record as stored now, after someone else took its check. */
    protected abstract Optional<R> reread(R record);

    protected abstract String idOf(R record);

    protected abstract String walletIdOf(R record);

    /** The machine's claim of the next check: moved past the call about to be made, attempt counted. */
    protected abstract Step<R> claimCheck(R record, Instant now, Duration lease);

    /** The machine's step for a record whose wallet is not registered: looked at again after {@code retry}. */
    protected abstract Step<R> walletMissing(R record, Instant now, Duration retry);

    /** Handles every record due now, up to {@code limit} per due-index shard; returns how many it handled. */
    public int sweep(int limit) {
        List<R> due = due(clock.instant(), limit);
        for (R record : due) {
            try {
                checkIfDue(record);
            } catch (RuntimeException e) {
                log.error("Follow-up of {} {} failed; it stays due", kind, idOf(record), e);
            }
        }
        return due.size();
    }

    /**
     * Claims the record's check for a wallet call (the lease keeps others off while it runs) and makes the call
     * with {@code call}, which applies what the wallet said. When someone else holds the check, answers the
     * record as stored; when its wallet is not registered, parks it.
     */
    protected R withClaimedCheck(R record, Instant now, Duration lease, BiFunction<Wallet, R, R> call) {
        Optional<Wallet> wallet = wallets.byId(walletIdOf(record));
        if (wallet.isEmpty()) {
            log.error("{} {} needs wallet {} which is not registered", Character.toUpperCase(kind.charAt(0)) + kind.substring(1),
                    idOf(record), walletIdOf(record));
            return lifecycle.apply(record, r -> walletMissing(r, now, MISSING_WALLET_RETRY));
        }
        Optional<R> claimed = lifecycle.claim(record, claimCheck(record, now, lease));
        if (claimed.isEmpty()) {
            return reread(record).orElse(record);
        }
        return call.apply(wallet.get(), claimed.get());
    }
}
