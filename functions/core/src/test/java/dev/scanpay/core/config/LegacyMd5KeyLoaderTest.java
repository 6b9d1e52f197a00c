package dev.scanpay.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.json.Json;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacyMd5KeyLoaderTest {

    private static final String KEY = "s3cr3t-md5-key-of-the-partner-01";
    private static ApplicationContext context;
    private static Json json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        json = context.getBean(Json.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void readsOneJsonObjectOfKeysByPartnerFromTheProperty() {
        LegacyMd5Keys keys = LegacyMd5KeyLoader.load(GatewayConfig.of(Map.of(
                "scanpay.legacy.md5-keys.json", "{\"2088000000000001\":\"" + KEY + "\"}")), json);

        assertThat(keys.forPartner("2088000000000001")).contains(KEY);
        assertThat(keys.forPartner("2088000000000002")).isEmpty();
        assertThat(keys.toString()).doesNotContain(KEY);
    }

    @Test
    void withNoSourceNoPartnerSignsWithMd5() {
        assertThat(LegacyMd5KeyLoader.load(GatewayConfig.of(Map.of()), json).size()).isZero();
    }

    @Test
    void aMalformedSecretIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> LegacyMd5KeyLoader.parse(json, ("{\"2088000000000001\":\"" + KEY).getBytes(StandardCharsets.UTF_8), "property"))
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> LegacyMd5KeyLoader.parse(json, ("{\"DEMO\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8), "property"))
                .hasMessageContaining("not a legacy partner id").hasMessageNotContaining(KEY);
    }
}
