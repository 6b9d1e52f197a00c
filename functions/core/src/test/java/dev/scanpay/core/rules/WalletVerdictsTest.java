package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.rules.WalletVerdicts.Attempt;
import dev.scanpay.core.rules.WalletVerdicts.Failed;
import dev.scanpay.core.rules.WalletVerdicts.Operation;
import dev.scanpay.core.rules.WalletVerdicts.Unresolved;
import dev.scanpay.core.rules.WalletVerdicts.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the table of what a wallet's F proves, for both money movements and both kinds of attempt. */
class WalletVerdictsTest {

    private static Verdict f(Operation operation, Attempt attempt, String code) {
        return WalletVerdicts.onFailure(operation, attempt, new Result(code, ResultStatus.F, "the wallet's words"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER_BALANCE_NOT_ENOUGH", "USER_AMOUNT_EXCEED_LIMIT", "PAYMENT_AMOUNT_EXCEED_LIMIT",
            "PAYMENT_COUNT_EXCEED_LIMIT", "USER_NOT_EXIST", "USER_STATUS_ABNORMAL", "USER_KYC_NOT_QUALIFIED",
            "USER_PAYMENT_VERIFICATION_FAILED", "RISK_REJECT", "FRAUD_REJECT", "PAYMENT_NOT_QUALIFIED", "NO_PAY_OPTIONS",
            "REGULATION_RESTRICTION", "UNAVAILABLE_PAYMENT_METHOD", "MERCHANT_NOT_REGISTERED", "INVALID_MERCHANT_STATUS",
            "INVALID_CONTRACT", "CURRENCY_NOT_SUPPORT", "INVALID_PAYMENT_CODE", "INVALID_CODE", "EXPIRED_CODE",
            "ORDER_IS_CLOSED", "ORDER_IS_CANCELED", "PROCESS_FAIL"})
    void aDocumentedPaymentDeclineIsFinalOnTheFirstCallAndOnARepeatOnlyWhenAboutTheParties(String code) {
        assertThat(f(Operation.PAYMENT, Attempt.FIRST, code)).isEqualTo(new Failed(code, "the wallet's words"));
        assertThat(f(Operation.PAYMENT, Attempt.REPEAT, code)).isInstanceOf(
                WalletVerdicts.STANDING_DECLINES.contains(code) ? Failed.class : Unresolved.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REFUND_AMOUNT_EXCEED", "REFUND_WINDOW_EXCEED", "ORDER_STATUS_INVALID", "ORDER_IS_CLOSED",
            "USER_NOT_EXIST", "USER_STATUS_ABNORMAL", "MERCHANT_BALANCE_NOT_ENOUGH", "RISK_REJECT", "CURRENCY_NOT_SUPPORT",
            "PROCESS_FAIL"})
    void aDocumentedRefundDeclineIsFinalOnTheFirstCallAndOnARepeatOnlyWhenAboutTheParties(String code) {
        assertThat(f(Operation.REFUND, Attempt.FIRST, code)).isEqualTo(new Failed(code, "the wallet's words"));
        assertThat(f(Operation.REFUND, Attempt.REPEAT, code)).isInstanceOf(
                WalletVerdicts.STANDING_DECLINES.contains(code) ? Failed.class : Unresolved.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REFUND_AMOUNT_EXCEED", "ORDER_STATUS_INVALID", "ORDER_IS_CLOSED", "PROCESS_FAIL",
            "MERCHANT_BALANCE_NOT_ENOUGH", "REFUND_WINDOW_EXCEED", "RISK_REJECT"})
    void aRepeatedRefundRefusedForWhatTheFirstCallsSuccessCouldHaveCausedIsUnknown(String code) {
        // the first call refunded in full; a wallet that does not keep its answer now says the amount is gone
        assertThat(f(Operation.REFUND, Attempt.REPEAT, code)).isInstanceOf(Unresolved.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER_NOT_EXIST", "USER_STATUS_ABNORMAL", "CURRENCY_NOT_SUPPORT"})
    void aRepeatedRefundRefusedForWhoThePartiesAreIsFinal(String code) {
        assertThat(f(Operation.REFUND, Attempt.REPEAT, code)).isEqualTo(new Failed(code, "the wallet's words"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "SIGNATURE_INVALID", "KEY_NOT_FOUND", "INVALID_CLIENT", "ACCESS_DENIED",
            "PARAM_ILLEGAL", "NO_INTERFACE_DEF", "INVALID_API", "MEDIA_TYPE_NOT_ACCEPTABLE", "METHOD_NOT_SUPPORTED",
            "INVALID_REQUEST", "ORDER_NOT_EXIST", "SUCCESS", "SOMETHING_NEW"})
    void aRefusalOfTheFirstCallIsFinalButNeverShownAsTheWalletSaidIt(String code) {
        for (Operation operation : Operation.values()) {
            Verdict verdict = f(operation, Attempt.FIRST, code);
            assertThat(verdict).as(operation.name()).isInstanceOf(Failed.class);
            assertThat(((Failed) verdict).code()).isEqualTo("PROCESS_FAIL");
            assertThat(((Failed) verdict).message()).contains(code);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "SIGNATURE_INVALID", "KEY_NOT_FOUND", "INVALID_CLIENT", "ACCESS_DENIED",
            "PARAM_ILLEGAL", "NO_INTERFACE_DEF", "INVALID_API", "MEDIA_TYPE_NOT_ACCEPTABLE", "METHOD_NOT_SUPPORTED",
            "INVALID_REQUEST", "ORDER_NOT_EXIST", "SUCCESS", "SOMETHING_NEW", "REPEAT_REQ_INCONSISTENT"})
    void aRefusalOfARepeatProvesNothing(String code) {
        for (Operation operation : Operation.values()) {
            assertThat(f(operation, Attempt.REPEAT, code)).as(operation.name()).isInstanceOf(Unresolved.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void aConflictingRequestIdIsNeverProofEvenFirst(Operation operation) {
        assertThat(f(operation, Attempt.FIRST, "REPEAT_REQ_INCONSISTENT")).isInstanceOf(Unresolved.class);
    }

    @Test
    void malformedCodesAreContained() {
        for (String code : new String[] {null, "null", "not a code!", "X".repeat(65), ""}) {
            Verdict first = f(Operation.PAYMENT, Attempt.FIRST, code);
            assertThat(first).as(String.valueOf(code)).isInstanceOf(Failed.class);
            assertThat(((Failed) first).code()).isEqualTo("PROCESS_FAIL");
            assertThat(((Failed) first).message()).hasSizeLessThanOrEqualTo(256);
            assertThat(f(Operation.REFUND, Attempt.REPEAT, code)).isInstanceOf(Unresolved.class);
        }
    }

    @Test
    void aPaymentsOwnFailedResultShowsTheMerchantOnlyADecline() {
        assertThat(WalletVerdicts.paymentFailed(new Result("RISK_REJECT", ResultStatus.F, "risk")).code()).isEqualTo("RISK_REJECT");
        for (String code : new String[] {"SUCCESS", "SIGNATURE_INVALID", "INVALID_SIGNATURE", "PAYMENT_IN_PROCESS", "ODD"}) {
            Failed failed = WalletVerdicts.paymentFailed(new Result(code, ResultStatus.F, "m"));
            assertThat(failed.code()).as(code).isEqualTo("PROCESS_FAIL");
            assertThat(failed.message()).contains(code);
        }
        assertThat(WalletVerdicts.paymentFailed(new Result("RISK_REJECT", ResultStatus.F, "m".repeat(999))).message()).hasSize(256);
    }

    @Test
    void onlySConfirmsACancel() {
        assertThat(WalletVerdicts.cancelConfirmed(Result.success())).isTrue();
        for (ResultStatus status : new ResultStatus[] {ResultStatus.F, ResultStatus.U}) {
            for (String code : new String[] {"ORDER_NOT_EXIST", "PROCESS_FAIL", "ORDER_IS_CLOSED"}) {
                assertThat(WalletVerdicts.cancelConfirmed(new Result(code, status, "m"))).isFalse();
            }
        }
    }
}
