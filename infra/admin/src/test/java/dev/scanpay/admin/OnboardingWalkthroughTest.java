package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.PayBodies;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first day: a stack with no wallet and no merchant; the operator adds the wallet (the simulator) and
 * a merchant with scanpay-admin only; the merchant's POS pays through the merchant API (the Lambda handler), and
 * the operator follows the payment, finds its undelivered notification and resends it, and reads the audit.
 */
@Tag("e2e")
class OnboardingWalkthroughTest {

    @TempDir
    Path dir;

    @Test
    void aWalletAndAMerchantAddedWithTheToolTakeAPayment() throws Exception {
        try (GatewayHarness gateway = new GatewayHarness()) {
            // a fresh stack: the harness registers its simulator, which the operator is about to do by hand
            gateway.dynamoClient.deleteItem(b -> b.tableName(gateway.table).key(Map.of(
                    ScanpayTable.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("WALLET"),
                    ScanpayTable.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(gateway.wallet.walletId()))));
            AdminRun admin = new AdminRun(dir, gateway.dynamo.endpoint(), gateway.table, gateway.publicUrl(), gateway.clock);
            Path walletKey = dir.resolve("wallet.pub");
            Files.writeString(walletKey, gateway.wallet.publicKey());
            KeyPair posKeys = RsaKeys.generate();
            Path posKey = admin.publicKeyFile("pos", posKeys);

            AdminRun.Result wallet = admin.run("wallet", "add", "--wallet-id", gateway.wallet.walletId(),
                    "--psp-name", gateway.wallet.pspName(), "--endpoint", gateway.wallet.endpoint(),
                    "--public-key-file", walletKey.toString(), "--key-version", gateway.wallet.keyVersion(),
                    "--code-prefixes", String.join(",", gateway.wallet.codePrefixes()));
            gateway.clock.advance(Duration.ofSeconds(1));
            AdminRun.Result merchant = admin.run("client", "add", "--client-id", "HARBOUR_POS", "--name", "Harbour Coffee",
                    "--public-key-file", posKey.toString(), "--notify-urls", "http://127.0.0.1:9/");
            assertThat(wallet.exit()).as(wallet.err()).isZero();
            assertThat(merchant.exit()).as(merchant.err()).isZero();

            Answer paid = gateway.signedAs("HARBOUR_POS", "1", posKeys).call("pay",
                    PayBodies.userPresented("FIRST-1", "USD", 1250, gateway.wallet.issuePaymentCode("alice")));

            assertThat(paid.result()).containsEntry("resultStatus", "S");
            String paymentId = (String) paid.json().get("paymentId");
            Map<String, Object> shown = admin.run("payment", "show", paymentId, "--json").json();
            assertThat(shown).containsEntry("status", "SUCCESS").containsEntry("clientId", "HARBOUR_POS")
                    .containsEntry("walletId", gateway.wallet.walletId()).containsEntry("amount", "12.50");
            assertThat(shown.get("notification")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("status", "PENDING");

            // its notify URL never answers: every attempt fails, and it is dead-lettered
            NotificationStore notifications = new NotificationStore(gateway.dynamoClient, gateway.table);
            gateway.sweep();
            for (int i = 1; i < NotificationSchedule.maxAttempts(); i++) {
                gateway.clock.set(notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow().nextCheckAt());
                gateway.sweep();
            }
            List<Map<String, Object>> undelivered = admin.run("notifications", "undelivered", "--json").jsonList();
            assertThat(undelivered).singleElement().satisfies(n -> assertThat(n).containsEntry("paymentId", paymentId)
                    .containsEntry("status", "DEAD_LETTERED"));

            AdminRun.Result resent = admin.run("notification", "resend", paymentId, "--json");

            assertThat(resent.json()).containsEntry("status", "PENDING").containsEntry("attempts", 0);
            assertThat(admin.run("notifications", "undelivered", "--json").jsonList()).isEmpty();
            MerchantNotification queued = notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow();
            assertThat(queued.nextCheckAt()).isEqualTo(gateway.clock.instant());
            gateway.sweep();
            assertThat(notifications.get(queued.notificationId()).orElseThrow().attempts()).as("the sweeper sent it again").isEqualTo(1);

            assertThat(admin.run("audit", "list", "--since", "2000-01-01T00:00:00Z", "--json").jsonList())
                    .extracting(e -> e.get("command")).containsExactly("wallet add", "client add", "notification resend");
            admin.assertWithinOperatorPolicy();
        }
    }
}
