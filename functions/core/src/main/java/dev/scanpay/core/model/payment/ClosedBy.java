package dev.scanpay.core.model.payment;

/**
 * Who closed a CANCELLED payment: the merchant's cancel; the gateway when the payment ran out of time; or
 * the gateway when a wallet reported paying an order it was never given (never notified: nobody took it).
 */
public enum ClosedBy {
    MERCHANT, TIMEOUT, GATEWAY
}
