package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.DynamoFaultProxy.Mode;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The answer to a payment's own conditional write is lost on the network and the SDK retries the write: the
 * retry finds the condition failed because the first attempt landed. Found by the fault suite: the pay's
 * "sent" mark was taken for another caller's, so the wallet was never asked, every repeat answered
 * PAYMENT_IN_PROCESS and the payment closed unpaid at its deadline. The store recognises its own write (a
 * token in the item) and the pay goes on.
 */
@Tag("e2e")
class LostWriteAnswerTest {

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.behindFaultProxy(Adapter.LAMBDA, 1);
        merchant = gateway.merchant("MERCHANT_LOST_WRITE");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aPayWhoseSentMarkLandsWithItsAnswerLostIsStillSentAndPaid() {
        String code = gateway.wallet.issuePaymentCode("lee");
        long before = gateway.wallet.balance("lee", "USD");
        // the pay's first PutItem is its "sent" mark (the creation is a TransactWriteItems)
        gateway.faultProxy().next("PutItem", Mode.ANSWER_LOST, 1);

        Answer pay = merchant.call("pay", userPresented("PR-LOST-1", "USD", 700, code));

        assertThat(gateway.faultProxy().counts().get(Mode.ANSWER_LOST)).as("the fault was injected").isEqualTo(1);
        assertThat(pay.resultStatus()).isEqualTo("S");
        assertThat(gateway.wallet.balance("lee", "USD")).as("charged once").isEqualTo(before - 700);
        assertThat(gateway.wallet.callCount("pay")).isEqualTo(1);
    }

    @Test
    void aNotificationWhoseClaimLandsWithItsAnswerLostIsStillSentOnce() {
        try (MerchantReceiver receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic())) {
            SignedMerchant notified = gateway.merchant("MERCHANT_LOST_CLAIM", receiver.url());
            gateway.wallet.configureCustomer("dee", CustomerSettings.builder().behaviour(Behaviour.DECLINE).build());
            Map<String, Object> body = userPresented("PR-LOST-CLAIM", "USD", 300, gateway.wallet.issuePaymentCode("dee"));
            body.put("paymentNotifyUrl", receiver.url());
            String paymentId = notified.call("pay", body).get("paymentId");
            // the sweep's first PutItem is the claim of the FAIL notification's attempt (a SUCCESS's is a transaction)
            gateway.faultProxy().next("PutItem", Mode.ANSWER_LOST, 1);

            gateway.sweep();

            assertThat(gateway.faultProxy().counts().get(Mode.ANSWER_LOST)).as("the fault was injected").isEqualTo(1);
            assertThat(receiver.received()).as("the claim was recognised as this sender's own").hasSize(1);
            MerchantNotification sent = gateway.context.getBean(NotificationStore.class)
                    .get(MerchantNotices.notificationId(paymentId)).orElseThrow();
            assertThat(sent).returns(NotificationStatus.DELIVERED, MerchantNotification::status)
                    .returns(1, MerchantNotification::attempts).returns(1, MerchantNotification::claims);
        }
    }
}
