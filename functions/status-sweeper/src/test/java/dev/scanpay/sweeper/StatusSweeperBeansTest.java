package dev.scanpay.sweeper;

import static dev.scanpay.testkit.FunctionBeans.built;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.wallet.WalletApi;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.testkit.FunctionBeans;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sweeper builds its run (wallet calls, notifications, the key) and neither API. */
@Tag("integration")
class StatusSweeperBeansTest {

    @Test
    void initialisationBuildsTheSweeperOnly() {
        try (ApplicationContext context = FunctionBeans.start("status-sweeper");
             StatusSweeperHandler handler = new StatusSweeperHandler(context)) {
            assertThat(built(context, Sweeper.class)).isTrue();
            assertThat(built(context, WalletClient.class)).isTrue();
            assertThat(built(context, NotificationDelivery.class)).isTrue();
            assertThat(built(context, MessageSigner.class)).isTrue();
            assertThat(built(context, AmsGateway.class)).as("the merchant API's gateway").isFalse();
            assertThat(built(context, WalletApi.class)).as("the wallet API's dispatcher").isFalse();
        }
    }
}
