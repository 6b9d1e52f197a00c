package dev.scanpay.core.payment;

/** Who closed a CANCELLED payment: the merchant's cancel, or the gateway when the payment ran out of time. */
public enum ClosedBy {
    MERCHANT, TIMEOUT
}
