package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.CodesHarness.Response;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.api.wallet.WalletApi;
import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The codes function holds only what it needs: started as Lambda starts it (its handler class, its own
 * classpath) with no gateway key configured at all, it serves every kind of page and image, and builds
 * nothing that signs: no key, no wallet client, no notification sender, neither API's dispatcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class CodesFunctionBeansTest {

    private static final String ENGLISH = "en-US,en;q=0.9";

    private CodesHarness codes;

    @BeforeAll
    void start() {
        codes = new CodesHarness();
        codes.simWallet();
    }

    @AfterAll
    void stop() {
        codes.close();
    }

    @Test
    void servesPagesAndImagesWithoutEverLoadingTheKey() {
        assertThat(codes.context.getProperty("scanpay.gateway.key.private-key", String.class)).isEmpty();
        assertThat(codes.context.getProperty("scanpay.gateway.key.secret-id", String.class)).isEmpty();

        EntryCode store = codes.entryCode("JPY", "Ramen Ichiban", "Shibuya");
        Response amountPage = codes.page("/c/" + store.token(), Map.of(), CodesHarness.WALLET_BROWSER, ENGLISH);
        assertThat(amountPage.status()).isEqualTo(200);
        Response submitted = codes.post("/c/" + store.token(), form("1200", CodePageController.formId()),
                CodesHarness.WALLET_BROWSER, ENGLISH);
        assertThat(submitted.status()).isEqualTo(303);
        assertThat(submitted.header("Location")).startsWith(CodesHarness.CASHIER_URL);
        assertThat(codes.page("/c/" + store.token(), Map.of(), "Mozilla/5.0 (X11; Linux x86_64)", ENGLISH).status())
                .isEqualTo(200);

        IssuedCode order = codes.orderCode(Duration.ofMinutes(5));
        assertThat(codes.page("/c/" + order.token(), Map.of(), "Mozilla/5.0 (X11; Linux x86_64)", ENGLISH).status())
                .isEqualTo(200);
        Response png = codes.get("/qr/" + order.token() + ".png", Map.of("size", "small"));
        assertThat(png.status()).isEqualTo(200);
        assertThat(Decode.png(png.body())).isEqualTo(order.codeValue());
        assertThat(codes.get("/qr/" + order.token() + ".svg").status()).isEqualTo(200);

        assertThat(built(MessageSigner.class)).as("the gateway key").isEmpty();
        for (Class<?> signing : List.of(WalletClient.class, NotificationDelivery.class, AmsGateway.class, WalletApi.class)) {
            assertThat(built(signing)).as(signing.getSimpleName()).isEmpty();
        }
        for (Class<?> serving : List.of(CodePageController.class, QrController.class, EntryCodes.class, WalletDirectory.class)) {
            assertThat(built(serving)).as(serving.getSimpleName()).hasSize(1);
        }
        // and nothing could have loaded it: there is no key to load
        assertThatThrownBy(() -> codes.context.getBean(MessageSigner.class)).hasStackTraceContaining("No gateway signing key");
    }

    @Test
    void seesNoOtherFunctionsBeans() {
        // the merchant API is on this module's test classpath (LocalStackServingTest), but not in the codes jar
        assertThat(codes.context.getBeanDefinitions(AmsGateway.class)).isNotEmpty(); // core's factory, lazy
        assertThat(codes.context.getBeanDefinitions(classNamed("dev.scanpay.merchantapi.AmsController"))).isEmpty();
    }

    private List<?> built(Class<?> type) {
        return codes.context.getActiveBeanRegistrations(type).stream().map(r -> r.bean()).toList();
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    private static Map<String, String> form(String amount, String formId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("amount", amount);
        fields.put("formId", formId);
        return fields;
    }
}
