package dev.scanpay.simulator;

/**
 * What the ledger made of a scan the gateway accepted.
 *
 * @param payment      the wallet's payment for it; null when refused
 * @param notification the notifyPayment it planned; null when none (a lost callback, a repeat, a refusal)
 * @param repeat       the customer scanned a payment the wallet already holds: nothing new happened
 * @param refusalCode  why the wallet would not take it, e.g. ORDER_IS_CLOSED; null when taken
 */
record ScanDecision(SimulatedPayment payment, PlannedNotification notification, boolean repeat, String refusalCode,
                    String refusalMessage) {

    static ScanDecision refused(String code, String message) {
        return new ScanDecision(null, null, false, code, message);
    }
}
