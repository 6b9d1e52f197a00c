package dev.scanpay.core.service.followup;

import dev.scanpay.core.rules.Step;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
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
    private final Kind<R> kind;
    protected final Lifecycle<R> lifecycle;
    protected final WalletDirectory wallets;
    protected final Clock clock;

    /** A step of the record's machine that only does bookkeeping: a claim, or parking it for a while. */
    @FunctionalInterface
    public interface Bookkeeping<R> {
        Step<R> apply(R record, Instant now, Duration duration);
    }

    /**
     * What the follow-up needs to know of a kind of record.
     *
     * @param name          "payment", "refund": for log lines
     * @param due           records due now, up to a limit per due-index shard
     * @param reread        the record as stored now, after someone else took its check
     * @param claimCheck    the machine's claim of the next check (moved past the call about to be made, counted)
     * @param walletMissing the machine's step for a record whose wallet is not registered
     */
    public record Kind<R>(String name, Function<R, String> id, Function<R, String> walletId,
                          BiFunction<Instant, Integer, List<R>> due, Function<R, Optional<R>> reread,
                          Bookkeeping<R> claimCheck, Bookkeeping<R> walletMissing) {
    }

    protected FollowUp(Kind<R> kind, Lifecycle<R> lifecycle, WalletDirectory wallets, Clock clock) {
        this.kind = kind;
        this.lifecycle = lifecycle;
        this.wallets = wallets;
        this.clock = clock;
    }

    /** Returns the record as it stands afterwards; does nothing unless it is due. */
    public abstract R checkIfDue(R record);

    /** Handles every record due now, up to {@code limit} per due-index shard; returns how many it handled. */
    public int sweep(int limit) {
        List<R> due = kind.due().apply(clock.instant(), limit);
        for (R record : due) {
            try {
                checkIfDue(record);
            } catch (RuntimeException e) {
                log.error("Follow-up of {} {} failed; it stays due", kind.name(), kind.id().apply(record), e);
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
        String walletId = kind.walletId().apply(record);
        Optional<Wallet> wallet = wallets.byId(walletId);
        if (wallet.isEmpty()) {
            log.error("{} {} needs wallet {} which is not registered",
                    Character.toUpperCase(kind.name().charAt(0)) + kind.name().substring(1), kind.id().apply(record), walletId);
            return lifecycle.apply(record, r -> kind.walletMissing().apply(r, now, MISSING_WALLET_RETRY));
        }
        Optional<R> claimed = lifecycle.claim(record, kind.claimCheck().apply(record, now, lease));
        if (claimed.isEmpty()) {
            return kind.reread().apply(record).orElse(record);
        }
        return call.apply(wallet.get(), claimed.get());
    }
}
