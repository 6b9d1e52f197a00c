package dev.scanpay.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Shares one round of sending between merchants: at most {@code perOwner} items of each owner, taken in
 * turns (the first of every owner, then the second of every owner, ...), each owner's own items in their
 * given order. A merchant with a thousand notifications due at a slow endpoint then fills only its own few
 * places in the round; the others' go out beside them, and the rest of its items wait for later rounds.
 */
public final class FairShare {

    private FairShare() {
    }

    public static <T> List<T> inTurns(List<T> items, Function<T, String> owner, int perOwner) {
        Map<String, List<T>> byOwner = new LinkedHashMap<>();
        for (T item : items) {
            byOwner.computeIfAbsent(owner.apply(item), k -> new ArrayList<>()).add(item);
        }
        List<T> turns = new ArrayList<>();
        for (int turn = 0; turn < perOwner; turn++) {
            for (List<T> own : byOwner.values()) {
                if (turn < own.size()) {
                    turns.add(own.get(turn));
                }
            }
        }
        return turns;
    }
}
