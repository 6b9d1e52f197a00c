package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.CountingDynamo;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** A stranger sending random Client-Ids to the merchant API costs the gateway at most one GetItem each. */
@OnBothAdapters
class UnknownClientCostTest {

    @Parameter
    Adapter adapter;

    private CountingDynamo counting;
    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter, real -> (counting = new CountingDynamo(real)).client);
        merchant = gateway.merchant("MERCHANT_COST");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void eachUnknownClientIdCostsOneGetItem() {
        String body = new String(dev.scanpay.core.json.Json.standalone().write(userPresented("COST-1", "USD", 100, "289900000000000001")), java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 1; i <= 20; i++) {
            Map<String, String> headers = new HashMap<>(merchant.headers(SignedMerchant.API + "pay", RequestTime.format(gateway.now()), body));
            headers.put("Client-Id", "STRANGER-" + UUID.randomUUID());
            counting.reset();
            assertThat(merchant.send(SignedMerchant.API + "pay", body, headers).resultCode()).isEqualTo("INVALID_CLIENT");
            assertThat(counting.calls()).as("request %d", i).isEqualTo(Map.of("getItem", 1));
        }
    }
}
