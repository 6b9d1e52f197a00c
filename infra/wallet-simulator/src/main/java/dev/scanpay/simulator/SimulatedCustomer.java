package dev.scanpay.simulator;

import java.time.Duration;
import java.util.Map;

/** A snapshot of a simulated customer; balances are minor units by currency code. */
public record SimulatedCustomer(String customerId, Behaviour behaviour, String declineCode, Duration settleAfter,
                                RefundBehaviour refundBehaviour, Map<String, Long> balances) {
}
