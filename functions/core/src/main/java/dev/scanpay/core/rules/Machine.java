package dev.scanpay.core.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A record's states and every edge between them, declared once ({@link PaymentMachine}, {@link RefundMachine},
 * {@link NotificationMachine}). The stores ask it before each write ({@link #check}), so a move that is not an
 * edge here never reaches DynamoDB; {@link #mermaid()} draws it for {@code docs/}.
 *
 * @param <R> the record (a payment, a refund, a notification)
 * @param <S> its declared states
 */
public final class Machine<R, S extends Enum<S>> {

    private final String refusal;
    private final Class<S> states;
    private final Function<R, Optional<S>> stateOf;
    private final List<Edge<S>> edges;

    /**
     * @param refusal  how a refused move's message starts ("illegal transition")
     * @param stateOf  the declared state a record is in; empty for a combination the machine does not declare
     */
    public Machine(String refusal, Class<S> states, Function<R, Optional<S>> stateOf, List<Edge<S>> edges) {
        this.refusal = refusal;
        this.states = states;
        this.stateOf = stateOf;
        this.edges = List.copyOf(edges);
    }

    public List<Edge<S>> edges() {
        return edges;
    }

    public Optional<S> stateOf(R record) {
        return stateOf.apply(record);
    }

    /**
     * The values {@code part} of a record can change to from {@code from} (a change of that part, such as the
     * status, not of bookkeeping), in the order the edges declare them.
     */
    public <T> Set<T> changesOf(Function<S, T> part, T from) {
        Set<T> after = new java.util.LinkedHashSet<>();
        for (Edge<S> edge : edges) {
            for (Edge.Move<S> move : edge.moves()) {
                if (move.from() != null && part.apply(move.from()).equals(from) && !part.apply(move.to()).equals(from)) {
                    after.add(part.apply(move.to()));
                }
            }
        }
        return after;
    }

    /** The edges that allow {@code from -> to}, in declaration order. */
    public List<Edge<S>> edgesBetween(S from, S to) {
        return edges.stream().filter(e -> e.allows(from, to)).toList();
    }

    /** Refuses (throws {@link UndeclaredEdgeException}) unless {@code before -> after} is a move of {@code edge}. */
    public void check(Edge<?> edge, R before, R after) {
        S from = declared(before, before, after);
        S to = declared(after, before, after);
        if (edge == null || !edges.contains(edge)) {
            throw new UndeclaredEdgeException(refusal + " " + from + " -> " + to + ": " + (edge == null ? "no edge"
                    : edge.name() + " is not an edge of this machine"));
        }
        @SuppressWarnings("unchecked")
        Edge<S> own = (Edge<S>) edge;
        if (!own.allows(from, to)) {
            throw new UndeclaredEdgeException(refusal + " " + from + " -> " + to + " by " + edge.name());
        }
    }

    /** Refuses (throws {@link UndeclaredEdgeException}) unless {@code edge} creates records in {@code created}'s state. */
    public void checkEntry(Edge<?> edge, R created) {
        S to = stateOf(created).orElseThrow(() -> new UndeclaredEdgeException(refusal + " [*] -> " + describe(created)
                + ": not a declared state"));
        if (edge == null || !edges.contains(edge) || !edge.moves().contains(new Edge.Move<>(null, to))) {
            throw new UndeclaredEdgeException(refusal + " [*] -> " + to + (edge == null ? "" : " by " + edge.name()));
        }
    }

    /** Refuses (throws {@link UndeclaredEdgeException}) unless some edge moves {@code before} to {@code after}. */
    public void check(R before, R after) {
        S from = declared(before, before, after);
        S to = declared(after, before, after);
        if (edgesBetween(from, to).isEmpty()) {
            throw new UndeclaredEdgeException(refusal + " " + from + " -> " + to);
        }
    }

    private S declared(R record, R before, R after) {
        return stateOf(record).orElseThrow(() -> new UndeclaredEdgeException(refusal + " " + describe(before)
                + " -> " + describe(after) + ": not a declared state"));
    }

    private String describe(R record) {
        return stateOf(record).map(Enum::name).orElse("(undeclared " + record.getClass().getSimpleName() + " state)");
    }

    /**
     * The machine as a Mermaid {@code stateDiagram-v2}: one arrow per pair of states, labelled with every edge
     * that makes that move; {@code [*]} where records enter, and after states nothing leaves.
     */
    public String mermaid() {
        Map<List<String>, List<String>> arrows = new LinkedHashMap<>();
        Set<S> leaving = EnumSet.noneOf(states);
        for (Edge<S> edge : edges) {
            for (Edge.Move<S> move : edge.moves()) {
                String from = move.from() == null ? "[*]" : move.from().name();
                arrows.computeIfAbsent(List.of(from, move.to().name()), k -> new ArrayList<>()).add(edge.name());
                if (move.from() != null && move.from() != move.to()) {
                    leaving.add(move.from());
                }
            }
        }
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        arrows.forEach((pair, names) -> out.append("    ").append(pair.get(0)).append(" --> ").append(pair.get(1))
                .append(" : ").append(String.join(", ", names)).append('\n'));
        for (S state : states.getEnumConstants()) {
            if (!leaving.contains(state)) {
                out.append("    ").append(state.name()).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
