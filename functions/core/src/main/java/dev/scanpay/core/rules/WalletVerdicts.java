package dev.scanpay.core.rules;

import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one table of what a wallet's F answer proves, for payments, cancels and refunds alike.
 *
 * <p>A failure is final only when it proves that no money moved. The first answer to a request proves it
 * when it is F: the wallet looked at the request and did not act. A repeat (the follow-up asking again with
 * the same id, after an earlier call may have arrived) proves much less: the earlier call may have charged
 * or refunded, and a wallet that does not keep its first answer would then refuse the repeat for a reason the
 * earlier success itself caused (the amount is refunded already, the balance is gone, the order is closed).
 * So on a repeat only a decline about who the parties are (the user or merchant does not exist or may not
 * pay, the currency is not taken), which no earlier success can have caused, is final; anything else leaves
 * the request unknown, followed up until the wallet says S or such a decline (lessons 9 and 13).
 *
 * <table>
 *   <tr><th>F code is</th><th>first call of the request</th><th>a repeat (an earlier call may have arrived)</th></tr>
 *   <tr><td>a decline about the parties (USER_NOT_EXIST, USER_STATUS_ABNORMAL, CURRENCY_NOT_SUPPORT, ...)</td>
 *       <td>failed, code passed on</td><td>failed, code passed on</td></tr>
 *   <tr><td>any other documented decline (balance, limits, risk, REFUND_AMOUNT_EXCEED, ORDER_STATUS_INVALID,
 *       PROCESS_FAIL, ...)</td><td>failed, code passed on</td><td>unknown</td></tr>
 *   <tr><td>the wallet refusing our request (signature, key, client, parameters, interface)</td>
 *       <td>failed, PROCESS_FAIL naming the code</td><td>unknown</td></tr>
 *   <tr><td>ORDER_NOT_EXIST</td><td>failed, PROCESS_FAIL naming the code</td><td>unknown</td></tr>
 *   <tr><td>REPEAT_REQ_INCONSISTENT</td><td>unknown</td><td>unknown</td></tr>
 *   <tr><td>anything else, or malformed</td><td>failed, PROCESS_FAIL naming the code</td><td>unknown</td></tr>
 * </table>
 *
 * <p>A cancel has no proving F at all: the wallet must make every cancel succeed, so only S ends it.
 * REPEAT_REQ_INCONSISTENT is never proof: the wallet holds something under our id that we did not send.
 */
public final class WalletVerdicts {

    /** Whether an earlier call of the same request (same paymentRequestId or refundRequestId) may have reached the wallet. */
    public enum Attempt { FIRST, REPEAT }

    /** The money movements a wallet can refuse. */
    public enum Operation { PAYMENT, REFUND }

    /** What an F answer means: a proven failure with the code the merchant sees, or no verdict. */
    public sealed interface Verdict {
    }

    /** Nothing moved. {@code code} is safe to show the merchant. */
    public record Failed(String code, String message) implements Verdict {
    }

    /** The answer does not prove what happened at the wallet. */
    public record Unresolved(String reason) implements Verdict {
    }

    /** The wallet refused the gateway's own request, not the customer's money: passed on, these would mislead the merchant. */
    static final Set<String> REQUEST_REFUSED = Set.of("INVALID_SIGNATURE", "SIGNATURE_INVALID", "KEY_NOT_FOUND",
            "INVALID_CLIENT", "ACCESS_DENIED", "PARAM_ILLEGAL", "NO_INTERFACE_DEF", "INVALID_API",
            "MEDIA_TYPE_NOT_ACCEPTABLE", "METHOD_NOT_SUPPORTED", "INVALID_REQUEST");

    /** Declines of a payment the protocol documents (AMS §5, Alipay+ pay and notifyPayment). */
    static final Set<String> PAYMENT_DECLINES = Set.of("USER_BALANCE_NOT_ENOUGH", "USER_AMOUNT_EXCEED_LIMIT",
            "PAYMENT_AMOUNT_EXCEED_LIMIT", "PAYMENT_COUNT_EXCEED_LIMIT", "USER_NOT_EXIST", "USER_STATUS_ABNORMAL",
            "USER_KYC_NOT_QUALIFIED", "USER_PAYMENT_VERIFICATION_FAILED", "RISK_REJECT", "FRAUD_REJECT",
            "PAYMENT_NOT_QUALIFIED", "NO_PAY_OPTIONS", "REGULATION_RESTRICTION", "UNAVAILABLE_PAYMENT_METHOD",
            "MERCHANT_NOT_REGISTERED", "INVALID_MERCHANT_STATUS", "INVALID_CONTRACT", "CURRENCY_NOT_SUPPORT",
            "INVALID_PAYMENT_CODE", "INVALID_CODE", "EXPIRED_CODE", "ORDER_IS_CLOSED", "ORDER_IS_CANCELED",
            "PROCESS_FAIL");

    /** Declines of a refund: the wallet looked at the refund and would not make it. */
    static final Set<String> REFUND_DECLINES = Set.of("REFUND_AMOUNT_EXCEED", "REFUND_WINDOW_EXCEED",
            "ORDER_STATUS_INVALID", "ORDER_IS_CLOSED", "USER_NOT_EXIST", "USER_STATUS_ABNORMAL",
            "MERCHANT_BALANCE_NOT_ENOUGH", "RISK_REJECT", "CURRENCY_NOT_SUPPORT", "PROCESS_FAIL");

    /** Declines about who the parties are: true of the request whatever an earlier call of it did. */
    static final Set<String> STANDING_DECLINES = Set.of("USER_NOT_EXIST", "USER_STATUS_ABNORMAL", "USER_KYC_NOT_QUALIFIED",
            "MERCHANT_NOT_REGISTERED", "INVALID_MERCHANT_STATUS", "INVALID_CONTRACT", "CURRENCY_NOT_SUPPORT",
            "REGULATION_RESTRICTION");

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,64}");

    private WalletVerdicts() {
    }

    /** What the wallet's F answer to a pay or refund request proves. */
    public static Verdict onFailure(Operation operation, Attempt attempt, Result result) {
        String code = result.resultCode();
        if (!wellFormed(code)) {
            return attempt == Attempt.FIRST ? processFail(code) : new Unresolved("the wallet answered F without a readable code");
        }
        if (declines(operation).contains(code) && (attempt == Attempt.FIRST || STANDING_DECLINES.contains(code))) {
            return new Failed(code, clip(result.resultMessage() == null ? code : result.resultMessage(), 256));
        }
        if (declines(operation).contains(code)) {
            return new Unresolved("a repeated request answered F " + code + ", which the first call's success could have caused");
        }
        if ("REPEAT_REQ_INCONSISTENT".equals(code)) {
            return new Unresolved("the wallet holds a different request under this id (REPEAT_REQ_INCONSISTENT)");
        }
        return attempt == Attempt.FIRST ? processFail(code)
                : new Unresolved("a repeated request answered F " + code + ", which does not prove the first did nothing");
    }

    /**
     * A payment result the wallet reports as final (paymentResult F in an inquiry, a notifyPayment F): the
     * payment failed; only the code is checked, so the merchant never sees a code that is not a decline
     * (SUCCESS, SIGNATURE_INVALID, ...).
     */
    public static Failed paymentFailed(Result result) {
        String code = result.resultCode();
        if (wellFormed(code) && PAYMENT_DECLINES.contains(code)) {
            return new Failed(code, clip(result.resultMessage() == null ? code : result.resultMessage(), 256));
        }
        return processFail(code);
    }

    /** Only S confirms a cancel; every other answer leaves it to be retried. */
    public static boolean cancelConfirmed(Result result) {
        return result.isSuccess();
    }

    private static Set<String> declines(Operation operation) {
        return operation == Operation.PAYMENT ? PAYMENT_DECLINES : REFUND_DECLINES;
    }

    private static Failed processFail(String code) {
        return new Failed(ResultCode.PROCESS_FAIL.name(),
                "the wallet refused the request (" + (code == null ? "no code" : clip(code, 64)) + ")");
    }

    private static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
