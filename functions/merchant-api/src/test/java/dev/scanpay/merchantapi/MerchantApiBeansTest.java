package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.FunctionBeans.built;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.wallet.WalletApi;
import dev.scanpay.core.config.LambdaHttpFunction;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.testkit.FunctionBeans;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The merchant API builds its gateway at init (key, wallet client) and nothing of the other functions. */
@Tag("integration")
class MerchantApiBeansTest {

    @Test
    void initialisationBuildsTheMerchantSideOnly() {
        try (ApplicationContext context = FunctionBeans.start("merchant-api");
             APIGatewayV2HTTPEventFunction handler = new LambdaHttpFunction(context)) {
            assertThat(built(context, AmsController.class)).isTrue();
            assertThat(built(context, AmsGateway.class)).isTrue();
            assertThat(built(context, MessageSigner.class)).isTrue();
            assertThat(built(context, WalletClient.class)).isTrue();
            assertThat(built(context, WalletApi.class)).as("the wallet API's dispatcher").isFalse();
            assertThat(built(context, Sweeper.class)).as("the sweeper").isFalse();
        }
    }
}
