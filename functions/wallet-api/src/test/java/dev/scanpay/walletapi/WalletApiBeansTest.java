package dev.scanpay.walletapi;

import static dev.scanpay.testkit.FunctionBeans.built;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.wallet.WalletApi;
import dev.scanpay.core.config.LambdaHttpFunction;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.testkit.FunctionBeans;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wallet API, on its own classpath (this module's tests also carry the merchant API): it builds its
 * intake and the key it signs answers with, and no wallet client, notification sender or merchant gateway.
 */
@Tag("integration")
class WalletApiBeansTest {

    @Test
    void initialisationBuildsTheWalletIntakeOnly() {
        try (ApplicationContext context = FunctionBeans.start("wallet-api");
             APIGatewayV2HTTPEventFunction handler = new LambdaHttpFunction(context)) {
            assertThat(built(context, WalletApiController.class)).isTrue();
            assertThat(built(context, WalletApi.class)).isTrue();
            assertThat(built(context, MessageSigner.class)).isTrue();
            assertThat(built(context, AmsGateway.class)).as("the merchant API's gateway").isFalse();
            assertThat(built(context, WalletClient.class)).as("calls to wallets").isFalse();
            assertThat(built(context, NotificationDelivery.class)).as("notifications to merchants").isFalse();
            assertThat(built(context, Sweeper.class)).as("the sweeper").isFalse();
        }
    }
}
