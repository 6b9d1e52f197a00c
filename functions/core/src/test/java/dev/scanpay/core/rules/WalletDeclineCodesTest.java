package dev.scanpay.core.rules;

import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.service.wallet.WalletClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a wallet's F means for the merchant: the customer's decline passes through; the wallet refusing us does not. */
class WalletDeclineCodesTest {

    private static WalletOutcome.Declined declined(String code, String message) {
        return (WalletOutcome.Declined) WalletClient.paymentOutcome(new Result(code, ResultStatus.F, message), Map.of());
    }

    @Test
    void customerDeclinesPassThrough() {
        assertThat(declined("USER_BALANCE_NOT_ENOUGH", "short").code()).isEqualTo("USER_BALANCE_NOT_ENOUGH");
        assertThat(declined("RISK_REJECT", "risk").code()).isEqualTo("RISK_REJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_SIGNATURE", "SIGNATURE_INVALID", "KEY_NOT_FOUND", "PARAM_ILLEGAL", "ACCESS_DENIED"})
    void theWalletRefusingTheGatewaysRequestIsProcessFail(String code) {
        WalletOutcome.Declined outcome = declined(code, "whatever");
        assertThat(outcome.code()).isEqualTo("PROCESS_FAIL");
        assertThat(outcome.message()).contains(code);
    }

    @Test
    void malformedCodesAndLongMessagesAreContained() {
        assertThat(declined(null, null).code()).isEqualTo("PROCESS_FAIL");
        assertThat(declined("not a code!", "m").code()).isEqualTo("PROCESS_FAIL");
        assertThat(declined("X".repeat(65), "m").code()).isEqualTo("PROCESS_FAIL");
        assertThat(declined("RISK_REJECT", "m".repeat(1000)).message()).hasSize(256);
    }
}
