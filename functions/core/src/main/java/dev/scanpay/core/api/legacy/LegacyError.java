package dev.scanpay.core.api.legacy;

/**
 * The gateway-level errors of the Legacy Barcode API: the request was not accepted, the answer is
 * {@code <is_success>F</is_success><error>CODE</error>} and nothing else. Only the codes protocol.md §8.3
 * lists as gateway-level; business reasons (TRADE_NOT_EXIST, ...) go inside {@code <response>} instead.
 */
public enum LegacyError {
    /** The signature does not match the parameters (§8.2, §8.3). */
    ILLEGAL_SIGN,
    /** A parameter is missing or malformed: amount, charset, body, encoding (§8.3). */
    ILLEGAL_ARGUMENT,
    /** A parameter is out of the values the service allows (§8.3). */
    INVALID_PARAMETER,
    /** The partner is malformed or not a legacy client of this gateway (§8.3). */
    ILLEGAL_PARTNER,
    /** The service is not one this gateway serves (§8.3; §8 lists no ILLEGAL_SERVICE). */
    ILLEGAL_EXTERFACE,
    /** The partner may not call this service (§8.3). */
    ILLEGAL_PARTNER_EXTERFACE,
    /** sign_type missing, unknown, or one the partner has no key for (§8.2, §8.3). */
    ILLEGAL_SIGN_TYPE,
    /** The partner may not act on this transaction (§8.3). */
    HAS_NO_PRIVILEGE,
    /** Anything the gateway itself failed at; never a 5xx, never a stack trace (§8.3). */
    SYSTEM_ERROR
}
