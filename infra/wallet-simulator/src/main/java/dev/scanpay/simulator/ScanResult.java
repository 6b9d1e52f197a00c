package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;

/**
 * What came of a customer scanning a code (or confirming on the cashier page).
 *
 * @param scanned            the gateway accepted the code and the wallet holds a payment for it
 * @param resultCode         SUCCESS when scanned; otherwise why not: the gateway's code (EXPIRED_CODE,
 *                           INVALID_CODE, ORDER_IS_CLOSED, REPEAT_REQ_INCONSISTENT...), NO_GATEWAY_ANSWER when
 *                           there was no verified answer, or the wallet's own refusal
 * @param paymentRequestId   the gateway's payment id (null unless scanned)
 * @param walletPaymentId    the wallet's own payment id (null unless scanned)
 * @param status             the wallet payment's status when the scan returns (null unless scanned)
 * @param expiryTime         paymentExpiryTime as the gateway wrote it
 * @param paymentRedirectUrl where the customer's browser goes after paying, when the gateway gave one
 * @param notification       what notifyPayment the scan causes, e.g. {@code SUCCESS now},
 *                           {@code SUCCESS after PT30S}, {@code FAIL USER_BALANCE_NOT_ENOUGH now},
 *                           {@code DUPLICATE now}, {@code BAD_SIGNATURE now}, {@code UNSIGNED now}, {@code NONE}
 * @param repeat             the wallet already held this payment: the scan changed nothing and sends nothing
 */
public record ScanResult(boolean scanned, String resultCode, String resultMessage, String paymentRequestId,
                         String walletPaymentId, SimulatedPayment.Status status, Money amount, String merchantName,
                         String storeName, String expiryTime, String paymentRedirectUrl, String notification,
                         boolean repeat) {

    /** Describes a scan that did not lead to a wallet payment. */
    public static ScanResult refused(String resultCode, String resultMessage) {
        return new ScanResult(false, resultCode, resultMessage, null, null, null, null, null, null, null, null, "NONE", false);
    }
}
