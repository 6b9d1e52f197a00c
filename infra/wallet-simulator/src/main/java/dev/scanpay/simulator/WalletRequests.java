package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.util.Map;

/**
 * Reads the fields the simulator acts on from Alipay+ request bodies. Anything missing or malformed is an
 * {@link IllegalArgumentException}, which the wallet answers as F PARAM_ILLEGAL.
 */
final class WalletRequests {

    /** @param notifyUrl where the gateway wants notifyPayment for this payment; null when it gave none */
    record PayCommand(String paymentRequestId, Money amount, String paymentCode, String notifyUrl) {
    }

    record RefundCommand(String refundRequestId, String paymentRequestId, Money amount) {
    }

    private WalletRequests() {
    }

    static PayCommand pay(Map<String, Object> body) {
        String paymentRequestId = id(body, "paymentRequestId");
        Money amount = amount(body, "paymentAmount");
        Object method = body.get("paymentMethod");
        if (!(method instanceof Map<?, ?> paymentMethod) || !(paymentMethod.get("paymentMethodId") instanceof String code)
                || code.isBlank()) {
            throw new IllegalArgumentException("paymentMethod.paymentMethodId (the payment code) is required");
        }
        Object notifyUrl = body.get("paymentNotifyUrl");
        return new PayCommand(paymentRequestId, amount, code,
                notifyUrl instanceof String url && !url.isBlank() ? url : null);
    }

    static String paymentRequestId(Map<String, Object> body) {
        return id(body, "paymentRequestId");
    }

    static RefundCommand refund(Map<String, Object> body) {
        Money amount = amount(body, "refundAmount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("refundAmount must be more than zero");
        }
        return new RefundCommand(id(body, "refundRequestId"), id(body, "paymentRequestId"), amount);
    }

    static String id(Map<String, Object> body, String field) {
        if (!(body.get(field) instanceof String value) || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException(field + " is required (1 to 64 characters)");
        }
        return value;
    }

    /** {currency, value}: value is minor units, a string on the wire (an integral number is tolerated). */
    static Money amount(Map<String, Object> body, String field) {
        if (!(body.get(field) instanceof Map<?, ?> amount)) {
            throw new IllegalArgumentException(field + " is required");
        }
        Object currency = amount.get("currency");
        Object value = amount.get("value");
        String minor = value instanceof String s ? s : value instanceof Number n ? n.toString() : null;
        if (!(currency instanceof String code) || minor == null || !minor.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(field + " needs a currency and a value in minor units");
        }
        try {
            return Money.of(Long.parseLong(minor), code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }
}
