package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.entryCode;
import static dev.scanpay.testkit.PayBodies.orderCode;
import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.money.Money;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LogCapture;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whatever happens, at DEBUG too, no log line of the gateway carries a whole payment code or a code token
 * (a token is as good as the code it opens, a payment code as good as the customer's wallet for a minute).
 * The simulator's own lines are left out: it is the wallet, not the gateway.
 */
@Tag("e2e")
class NothingSecretIsLoggedTest {

    @Test
    void paymentCodesAndCodeTokensNeverReachTheLog() {
        List<String> secrets = new ArrayList<>();
        try (GatewayHarness gateway = new GatewayHarness(); LogCapture logs = new LogCapture().debug()) {
            SignedMerchant merchant = gateway.merchant("MERCHANT_QUIET");
            SignedWallet wallet = gateway.walletCaller();

            String code = gateway.wallet.issuePaymentCode("alice");
            secrets.add(code);
            merchant.call("pay", userPresented("PR-Q1", "USD", 1_250, code));
            String declined = gateway.wallet.issuePaymentCode("alice");
            secrets.add(declined);
            merchant.call("pay", userPresented("PR-Q2", "USD", 19_905, declined));
            String unknown = "1300000000000000000";
            secrets.add(unknown);
            merchant.call("pay", userPresented("PR-Q3", "USD", 100, unknown));
            String repeat = gateway.wallet.issuePaymentCode("alice");
            secrets.add(repeat);
            merchant.call("pay", userPresented("PR-Q1", "USD", 999, repeat));

            // a request whose signature fails is described at DEBUG: the code in it must be masked
            Map<String, Object> body = new HashMap<>(userPresented("PR-Q4", "USD", 100, gateway.wallet.issuePaymentCode("alice")));
            secrets.add((String) ((Map<?, ?>) body.get("paymentMethod")).get("paymentMethodId"));
            Map<String, String> headers = new HashMap<>();
            headers.put("Content-Type", "application/json; charset=UTF-8");
            headers.put("Client-Id", merchant.clientId);
            headers.put("Request-Time", Long.toString(gateway.now().toEpochMilli()));
            headers.put("Signature", "algorithm=RSA256,keyVersion=1,signature=AAAA");
            merchant.send("/ams/api/v1/payments/pay", new String(Json.standalone().write(body), StandardCharsets.UTF_8), headers);

            Answer order = merchant.call("pay", orderCode("PR-Q5", "USD", 700));
            String orderValue = (String) ((List<Map<String, Object>>) order.object("orderCodeForm").get("codeDetails")).get(0).get("codeValue");
            secrets.add(orderValue.substring(orderValue.lastIndexOf('/') + 1));
            wallet.userInitiatedPay(orderValue, "alice");
            wallet.userInitiatedPay(orderValue, "bob");
            wallet.notifySuccess(order.get("paymentId"), Money.of(700, "USD"), "alice");

            Answer entry = merchant.call("pay", entryCode("PR-Q6", "USD", 800, "Mozilla/5.0 SimWallet/1.0"));
            String redirect = (String) entry.object("redirectActionForm").get("redirectUrl");
            String entryValue = URLDecoder.decode(redirect.substring(redirect.indexOf("codeValue=") + 10), StandardCharsets.UTF_8);
            secrets.add(entryValue.substring(entryValue.lastIndexOf('/') + 1));
            wallet.userInitiatedPay(entryValue + "x", "alice");
            wallet.userInitiatedPay(entryValue, "alice");

            gateway.clock.advance(Duration.ofMinutes(10));
            gateway.sweep();

            List<String> gatewayLines = logs.lines().stream().filter(line -> !line.contains("dev.scanpay.simulator")).toList();
            assertThat(gatewayLines).as("the flows above were logged").isNotEmpty();
            for (String secret : secrets) {
                assertThat(gatewayLines).as("no line carries " + secret.substring(0, 4) + "...")
                        .noneMatch(line -> line.contains(secret));
            }
        }
    }
}
