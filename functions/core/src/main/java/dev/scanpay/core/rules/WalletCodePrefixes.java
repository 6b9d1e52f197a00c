package dev.scanpay.core.rules;

import dev.scanpay.core.model.wallet.Wallet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which payment-code prefixes a wallet may own. A payment code is routed to the wallet owning its longest
 * matching prefix, so two wallets whose prefixes meet (one equal to, or starting with, another's) would split
 * codes between them by length alone: a code the customer's wallet issued could be sent to another wallet. A
 * wallet is registered only with prefixes that are digits (1 to 20 of them, as payment codes are) and that
 * meet no other live wallet's.
 */
public final class WalletCodePrefixes {

    private static final Pattern FORM = Pattern.compile("[0-9]{1,20}");

    private WalletCodePrefixes() {
    }

    /** Why {@code wallet}'s prefixes cannot be registered beside {@code others}, or empty when they can. */
    public static Optional<String> refusalOf(Wallet wallet, List<Wallet> others) {
        if (wallet.codePrefixes().isEmpty()) {
            return Optional.of("a wallet owns at least one payment-code prefix");
        }
        for (String prefix : wallet.codePrefixes()) {
            if (!FORM.matcher(prefix).matches()) {
                return Optional.of("code prefix '" + prefix + "' is not 1 to 20 digits");
            }
        }
        for (Wallet other : others) {
            if (other.walletId().equals(wallet.walletId())) {
                continue;
            }
            for (String mine : wallet.codePrefixes()) {
                for (String theirs : other.codePrefixes()) {
                    if (mine.startsWith(theirs) || theirs.startsWith(mine)) {
                        return Optional.of("code prefix " + mine + " overlaps wallet " + other.walletId() + "'s prefix "
                                + theirs + ": a code starting " + (mine.length() >= theirs.length() ? mine : theirs)
                                + " could go to either");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
