package dev.scanpay.walletapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.CountingDynamo;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedWallet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * A stranger sending random Client-Ids to the wallet API costs the gateway at most one GetItem each, never a
 * reload of the wallet registry (a Query of every wallet), whether the registry's cached list is fresh or stale.
 */
@OnBothAdapters
class UnknownWalletCostTest {

    @Parameter
    Adapter adapter;

    private static final String PATH = SignedWallet.API + "userInitiatedPay";
    private static final String BODY = "{\"codeValue\":\"x\",\"customerId\":\"alice\"}";

    private CountingDynamo counting;
    private GatewayHarness gateway;
    private SignedWallet wallet;

    @BeforeEach
    void start() {
        gateway = new GatewayHarness(adapter, real -> (counting = new CountingDynamo(real)).client);
        wallet = gateway.walletCaller();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String callAs(String walletId) {
        Map<String, String> headers = new HashMap<>(wallet.headers(PATH, RequestTime.format(gateway.now()), BODY));
        headers.put("Client-Id", walletId);
        return wallet.send(PATH, BODY, headers).resultCode();
    }

    @Test
    void eachUnknownWalletIdCostsOneGetItem() {
        assertThat(wallet.post(PATH, BODY).resultCode()).as("a real wallet, which loads the registry").isEqualTo("INVALID_CODE");

        for (int i = 1; i <= 20; i++) {
            counting.reset();
            assertThat(callAs("STRANGER-" + UUID.randomUUID())).isEqualTo("INVALID_CLIENT");
            assertThat(counting.calls()).as("request %d", i).isEqualTo(Map.of("getItem", 1));
        }

        gateway.clock.advance(Duration.ofMinutes(5));
        counting.reset();
        assertThat(callAs("STRANGER-STALE")).isEqualTo("INVALID_CLIENT");
        assertThat(counting.calls()).as("with the cached registry stale").isEqualTo(Map.of("getItem", 1));
    }
}
