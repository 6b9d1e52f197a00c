package dev.scanpay.notifier;

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

/** The notifier builds the notification sender (and the key it signs with), and never calls a wallet. */
@Tag("integration")
class NotifierBeansTest {

    @Test
    void initialisationBuildsTheNotificationSenderOnly() {
        try (ApplicationContext context = FunctionBeans.start("notifier");
             NotifierHandler handler = new NotifierHandler(context)) {
            assertThat(built(context, NotificationDelivery.class)).isTrue();
            assertThat(built(context, MessageSigner.class)).isTrue();
            assertThat(built(context, WalletClient.class)).as("calls to wallets").isFalse();
            assertThat(built(context, Sweeper.class)).as("the sweeper").isFalse();
            assertThat(built(context, AmsGateway.class)).as("the merchant API's gateway").isFalse();
            assertThat(built(context, WalletApi.class)).as("the wallet API's dispatcher").isFalse();
        }
    }
}
