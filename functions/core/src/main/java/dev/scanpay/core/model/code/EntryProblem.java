package dev.scanpay.core.model.code;

/**
 * Why an entry-code page cannot go on, as the page tells the customer (in the customer's language; the
 * pages hold the wording).
 */
public enum EntryProblem {
    UNKNOWN_CODE,
    AMOUNT_NOT_A_NUMBER,
    AMOUNT_TOO_MANY_DECIMALS,
    AMOUNT_NOT_POSITIVE,
    AMOUNT_TOO_LARGE,
    /** The same page was submitted again with another amount: reload it to start a new payment. */
    FORM_ALREADY_USED,
    /** The page was not opened in a wallet that takes entry-code payments. */
    NO_WALLET,
    /** The store has as many open payments from its page as it may: try again in a moment. Nothing was written. */
    STORE_BUSY;

    /** Thrown to the page, which renders the problem instead of going on. */
    public static final class Refusal extends RuntimeException {
        private final EntryProblem problem;

        public Refusal(EntryProblem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public EntryProblem problem() {
            return problem;
        }
    }

    public Refusal refusal() {
        return new Refusal(this);
    }
}
