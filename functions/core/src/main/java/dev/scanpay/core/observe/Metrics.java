package dev.scanpay.core.observe;

import java.util.List;

/**
 * What the gateway counts and times, for CloudWatch: each {@link Name} is one metric with its unit and the
 * names of its dimensions, declared once here (the template's alarms and dashboard name the same metrics, and a
 * test checks them against this list). Dimensions are kept low-cardinality (scenario, result, wallet,
 * operation, outcome): never a client, payment or refund id, each of which would be a metric of its own.
 *
 * <p>The services are given one; {@link EmfMetrics} writes each value as an Embedded Metric Format line,
 * {@link #NONE} drops them.
 */
@FunctionalInterface
public interface Metrics {

    /** Dimension names. */
    String SCENARIO = "Scenario";
    String RESULT = "Result";
    String WALLET_ID = "WalletId";
    String OPERATION = "Operation";
    String OUTCOME = "Outcome";
    String BREAK_TYPE = "BreakType";

    /** The unit of a metric, as CloudWatch names it. */
    enum Unit { COUNT, MILLISECONDS, SECONDS }

    /** Every metric the gateway emits. */
    enum Name {
        /** A payment reached a final status (SUCCESS, FAIL, CANCELLED), by scenario and that status. */
        PAYMENTS("Payments", Unit.COUNT, SCENARIO, RESULT),
        /** One call to a wallet, by wallet, operation and outcome (S, F, U as answered; NoAnswer otherwise). */
        WALLET_CALLS("WalletCalls", Unit.COUNT, WALLET_ID, OPERATION, OUTCOME),
        /** How long one call to a wallet took, from sending to a verified answer or giving up. */
        WALLET_CALL_LATENCY("WalletCallLatency", Unit.MILLISECONDS, WALLET_ID, OPERATION, OUTCOME),
        /** One attempt to deliver a merchant notification. */
        NOTIFICATION_ATTEMPTS("NotificationAttempts", Unit.COUNT),
        /** An attempt the merchant did not acknowledge. */
        NOTIFICATION_FAILURES("NotificationFailures", Unit.COUNT),
        /** A notification whose last scheduled attempt failed (about a day of failures). */
        NOTIFICATIONS_DEAD_LETTERED("NotificationsDeadLettered", Unit.COUNT),
        /** A refund reached a final status (SUCCESS, FAIL). */
        REFUNDS("Refunds", Unit.COUNT, RESULT),
        /** When a status sweeper run starts: how long the oldest due payment, refund or notification has waited (0 when none). */
        SWEEPER_LAG("SweeperLag", Unit.SECONDS),
        /** A payment reached its deadline without a wallet result and was cancelled at the wallet. */
        PAYMENTS_PAST_DEADLINE("PaymentsPastDeadline", Unit.COUNT),
        /** A wallet cancel unconfirmed for an hour (counted once per cancel); it is still retried. */
        CANCELS_UNCONFIRMED("CancelsUnconfirmed", Unit.COUNT),
        /** A refund without a wallet verdict for a day (counted once per refund); its amount stays reserved. */
        REFUNDS_WITHOUT_VERDICT("RefundsWithoutVerdict", Unit.COUNT),
        /** A wallet answered about another payment, refund, amount or currency; the answer was not taken. */
        WALLET_ANSWER_MISMATCH("WalletAnswerMismatch", Unit.COUNT),
        /**
         * Breaks one reconciliation run found between the gateway's ledger and one wallet's own records, by break
         * type: put once per wallet and type each run, zero included, so a quiet day shows as 0 rather than nothing.
         */
        BREAKS_FOUND("BreaksFound", Unit.COUNT, BREAK_TYPE),
        /** A wallet whose own records a reconciliation run could not read: that day has no break report for it. */
        WALLET_RECORDS_UNREAD("WalletRecordsUnread", Unit.COUNT);

        private final String metricName;
        private final Unit unit;
        private final List<String> dimensions;

        Name(String metricName, Unit unit, String... dimensions) {
            this.metricName = metricName;
            this.unit = unit;
            this.dimensions = List.of(dimensions);
        }

        /** The metric's name in CloudWatch. */
        public String metricName() {
            return metricName;
        }

        public Unit unit() {
            return unit;
        }

        /** The names of its dimensions, in the order {@link #put} takes their values. */
        public List<String> dimensions() {
            return dimensions;
        }
    }

    /** Drops everything (tools and tests that do not look at metrics). */
    Metrics NONE = (metric, value, dimensionValues) -> { };

    /**
     * Emits one value of {@code metric}; {@code dimensionValues} are given in the order of
     * {@link Name#dimensions()}. Never throws: a metric that cannot be written is logged and dropped.
     */
    void put(Name metric, double value, String... dimensionValues);

    /** One more of a counted metric. */
    default void count(Name metric, String... dimensionValues) {
        put(metric, 1, dimensionValues);
    }
}
