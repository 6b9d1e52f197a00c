package dev.scanpay.core.protocol;

import static dev.scanpay.core.protocol.ResultStatus.F;
import static dev.scanpay.core.protocol.ResultStatus.S;
import static dev.scanpay.core.protocol.ResultStatus.U;

/**
 * The result codes the gateway itself produces, each with the resultStatus it always carries.
 * Decline reasons that come from a wallet are passed through as the wallet sent them.
 */
public enum ResultCode {
    SUCCESS(S),
    PAYMENT_IN_PROCESS(U),
    /** A refund the wallet has not finished (or whose answer is not in yet); inquiryRefund follows it. */
    REFUND_IN_PROCESS(U),
    UNKNOWN_EXCEPTION(U),
    PARAM_ILLEGAL(F),
    PROCESS_FAIL(F),
    REPEAT_REQ_INCONSISTENT(F),
    /** AMS (merchant side) name since 2019. */
    SIGNATURE_INVALID(F),
    /** Alipay+ (wallet side) name. */
    INVALID_SIGNATURE(F),
    KEY_NOT_FOUND(F),
    INVALID_CLIENT(F),
    ACCESS_DENIED(F),
    NO_INTERFACE_DEF(F),
    MEDIA_TYPE_NOT_ACCEPTABLE(F),
    METHOD_NOT_SUPPORTED(F),
    CURRENCY_NOT_SUPPORT(F),
    INVALID_PAYMENT_CODE(F),
    INVALID_CODE(F),
    EXPIRED_CODE(F),
    ORDER_NOT_EXIST(F),
    ORDER_IS_CLOSED(F),
    ORDER_STATUS_INVALID(F),
    CANCEL_WINDOW_EXCEED(F),
    REFUND_AMOUNT_EXCEED(F),
    REFUND_WINDOW_EXCEED(F),
    USER_BALANCE_NOT_ENOUGH(F);

    private final ResultStatus status;

    ResultCode(ResultStatus status) {
        this.status = status;
    }

    public ResultStatus status() {
        return status;
    }
}
