package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.entryCodeRegistration;
import static dev.scanpay.testkit.PayBodies.orderCode;
import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No merchant can make the gateway call into its own network: hostile notify URLs are refused at request
 * time through the real merchant handler, a stored one is refused at send time, wallet endpoints follow
 * the same rules, and what a merchant is told about a failed notification is a category, never the
 * network's words (which would make resend a port scanner).
 */
@Tag("e2e")
class OutboundDestinationsTest {

    private static final String CODES = "/ams/api/v1/codes/registerEntryCode";
    private static final String RESEND = "/ams/api/v1/notifications/resend";
    private static final String LIST = "/ams/api/v1/notifications/listUndelivered";

    /** As deployed: loopback refused, https required. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Deployed {

        private GatewayHarness gateway;
        private SignedMerchant merchant;

        @BeforeAll
        void start() {
            gateway = new GatewayHarness(GatewayHarness.DEPLOYED_OUTBOUND);
            // the public URL the last test names is under the client's own prefixes (its other URLs are refused anyway)
            merchant = gateway.merchant("MERCHANT_SSRF", "https://merchant.example/scanpay/");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.5/",
                "https://172.31.255.1/notify",
                "https://192.168.0.10/notify",
                "https://100.64.0.1/",
                "https://[::ffff:169.254.169.254]/",
                "https://[::ffff:a9fe:a9fe]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://[fd00:ec2::254]/",
                "https://[fe80::1]/",
                "https://2852039166/",
                "https://0251.0376.0251.0376/",
                "https://0xa9fea9fe/",
                "https://169.254.43518/",
                "https://0x7f000001/",
                "https://127.0.0.1/",
                "https://127.1/",
                "https://2130706433/",
                "https://[::1]/",
                "https://localhost/notify",
                "https://0.0.0.0/",
                "https://224.0.0.251/",
                "https://255.255.255.255/",
                "https://192.0.2.1/",
                "https://198.18.0.1/",
                "http://merchant.example/notify",
                "ftp://merchant.example/notify",
                "file:///etc/passwd"})
        void aHostileNotifyUrlOnPayIsParamIllegalAndNothingIsWritten(String url) {
            String requestId = "PR-SSRF-" + Integer.toHexString(url.hashCode());
            Map<String, Object> body = userPresented(requestId, "USD", 100, gateway.wallet.issuePaymentCode("zed"));
            body.put("paymentNotifyUrl", url);
            int walletCalls = gateway.wallet.callCount("pay");

            Answer answer = merchant.callMalformed("pay", body);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.resultStatus()).isEqualTo("F");
            assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(answer.resultMessage()).startsWith("paymentNotifyUrl ");
            assertThat(gateway.payments().findRequest(merchant.clientId, requestId)).isEmpty();
            assertThat(gateway.wallet.callCount("pay")).isEqualTo(walletCalls);

            // an order code's pay too: it writes without calling a wallet
            Map<String, Object> code = orderCode(requestId + "-OC", "USD", 100);
            code.put("paymentNotifyUrl", url);
            assertThat(merchant.callMalformed("pay", code).resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(gateway.payments().findRequest(merchant.clientId, requestId + "-OC")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://169.254.169.254/", "https://[::ffff:10.0.0.1]/", "https://0xa9fea9fe/", "http://merchant.example/"})
        void aHostileNotifyUrlOnRegisterEntryCodeIsParamIllegalAndNothingIsWritten(String url) {
            String storeId = "S-" + Integer.toHexString(url.hashCode());
            Map<String, Object> body = new HashMap<>(entryCodeRegistration("M-1001", storeId, "USD"));
            body.put("paymentNotifyUrl", url);

            Answer answer = merchant.post(CODES, body);

            assertThat(answer.resultCode()).isEqualTo("PARAM_ILLEGAL");
            assertThat(answer.resultMessage()).startsWith("paymentNotifyUrl ");
            assertThat(new EntryCodeStore(gateway.dynamoClient, gateway.table).findByStore(merchant.clientId, "M-1001", storeId))
                    .isEmpty();
        }

        @Test
        void aPublicHttpsNotifyUrlIsTakenAndAWalletOnLoopbackIsNotCalled() {
            Map<String, Object> body = userPresented("PR-PUBLIC", "USD", 100, gateway.wallet.issuePaymentCode("zed"));
            body.put("paymentNotifyUrl", "https://merchant.example/scanpay/notify");
            int walletCalls = gateway.wallet.callCount("pay");

            Answer answer = merchant.call("pay", body);

            // the simulator's endpoint is on loopback: as deployed, the gateway does not call it, so no verdict
            assertThat(answer.resultCode()).isEqualTo("PAYMENT_IN_PROCESS");
            assertThat(gateway.payments().findRequest(merchant.clientId, "PR-PUBLIC")).isPresent();
            assertThat(gateway.wallet.callCount("pay")).isEqualTo(walletCalls);
        }
    }

    /** As the local stack runs: loopback allowed, so a closed port can be tried. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Local {

        private GatewayHarness gateway;
        private SignedMerchant merchant;

        @BeforeAll
        void start() {
            gateway = new GatewayHarness();
            merchant = gateway.merchant("MERCHANT_SCAN");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void resendToAClosedPortReportsOnlyTheCategory() throws Exception {
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            Map<String, Object> body = userPresented("PR-CLOSED", "USD", 100, gateway.wallet.issuePaymentCode("zed"));
            body.put("paymentNotifyUrl", "http://127.0.0.1:" + closed + "/notify");
            // a merchant whose registered prefix is that port, so the URL passes the prefix check and is tried
            SignedMerchant scanner = gateway.merchant("MERCHANT_SCAN_" + closed, "http://127.0.0.1:" + closed + "/");
            String paymentId = scanner.call("pay", body).get("paymentId");

            Answer resent = scanner.post(RESEND, Map.of("paymentId", paymentId));

            assertThat(resent.resultStatus()).isEqualTo("S");
            assertThat(resent.object("notification").get("lastProblem")).isEqualTo("CONNECTION_FAILED");
            assertThat(resent.body()).doesNotContainIgnoringCase("refused").doesNotContain("Exception").doesNotContain("connect to");
        }

        @Test
        void aStoredDefaultUrlIntoTheGatewaysNetworkIsRefusedAtSendTimeAndListedAsSuch() {
            // a client registered before the rules, with a default notify URL at the metadata address
            SignedMerchant old = gateway.merchant("MERCHANT_OLD");
            ClientStore clients = new ClientStore(gateway.dynamoClient, gateway.table);
            Client registered = clients.get("MERCHANT_OLD").orElseThrow();
            // as such a record reads back: its default URL is its only prefix (NotifyUrlPrefixes.covering)
            String metadata = "http://169.254.169.254/latest/meta-data/";
            clients.put(new Client(registered.clientId(), registered.name(), registered.kind(), registered.publicKeys(),
                    registered.merchantIds(), metadata, NotifyUrlPrefixes.covering(metadata), registered.createdAt()));
            Map<String, Object> body = userPresented("PR-OLD", "USD", 100, gateway.wallet.issuePaymentCode("zed"));
            body.remove("paymentNotifyUrl");
            String paymentId = old.call("pay", body).get("paymentId");
            NotificationStore notifications = gateway.context.getBean(NotificationStore.class);

            for (int i = 0; i < NotificationSchedule.maxAttempts(); i++) {
                MerchantNotification n = notifications.get(MerchantNotices.notificationId(paymentId)).orElseThrow();
                if (n.nextCheckAt() != null) {
                    gateway.clock.set(n.nextCheckAt());
                }
                gateway.sweep();
            }

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) old.post(LIST, Map.of()).json().get("notifications");
            assertThat(listed).singleElement().satisfies(n -> {
                assertThat(n.get("paymentId")).isEqualTo(paymentId);
                assertThat(n.get("lastProblem")).isEqualTo("REFUSED_DESTINATION");
            });
            Answer resent = old.post(RESEND, Map.of("paymentId", paymentId));
            assertThat(resent.object("notification").get("lastProblem")).isEqualTo("REFUSED_DESTINATION");
            assertThat(resent.body()).doesNotContain("169.254");
        }
    }
}
