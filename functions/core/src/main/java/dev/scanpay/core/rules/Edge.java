package dev.scanpay.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * One named edge of a {@link Machine}: what causes it ({@link #name()}), the moves it may make (from one state
 * to another, or to the same one when only bookkeeping changes), and what it writes besides the state.
 * A move whose {@code from} is null enters the machine (the record is created in that state).
 */
public record Edge<S extends Enum<S>>(String name, List<Move<S>> moves, String writes) {

    public record Move<S>(S from, S to) {
    }

    public Edge {
        Objects.requireNonNull(name, "name");
        moves = List.copyOf(moves);
    }

    public boolean allows(S from, S to) {
        return moves.contains(new Move<>(from, to));
    }

    /** The step that writes {@code next} by this edge. */
    public <R> Step<R> to(R next) {
        return new Step<>(this, next);
    }

    /** Declares an edge; {@link Builder#move} adds its moves. */
    public static <S extends Enum<S>> Builder<S> named(String name, String writes) {
        return new Builder<>(name, writes);
    }

    public static final class Builder<S extends Enum<S>> {
        private final String name;
        private final String writes;
        private final java.util.ArrayList<Move<S>> moves = new java.util.ArrayList<>();

        private Builder(String name, String writes) {
            this.name = name;
            this.writes = writes;
        }

        public Builder<S> move(S from, S to) {
            moves.add(new Move<>(from, to));
            return this;
        }

        /** The same state before and after, for each of {@code states}: only the bookkeeping changes. */
        @SafeVarargs
        public final Builder<S> stays(S... states) {
            for (S state : states) {
                move(state, state);
            }
            return this;
        }

        public Edge<S> build() {
            return new Edge<>(name, moves, writes);
        }
    }
}
