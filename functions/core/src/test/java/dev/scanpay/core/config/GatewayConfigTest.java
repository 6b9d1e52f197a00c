package dev.scanpay.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One source for each setting: GatewayConfig reads them all, the README's table says the same. */
class GatewayConfigTest {

    private static final Path ROOT = Path.of("../..");

    @Test
    void theDefaultsAreWhatADeploymentGets() {
        GatewayConfig config = GatewayConfig.of(Map.of());

        assertThat(config.walletTimeouts().pay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.walletTimeouts().inquiry()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.walletTimeouts().cancel()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.notifyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.notificationLease()).isEqualTo(Duration.ofSeconds(21));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxAnswerBytes()).isEqualTo(65536);
        assertThat(config.destinationRules().refusalOf("https://127.0.0.1/")).isPresent();
        assertThat(config.sweeperPageSize()).isEqualTo(100);
        assertThat(config.sweeperBudget()).isEqualTo(Duration.ofSeconds(35));
        assertThat(config.entryCodeMaxOpenPerStore()).isEqualTo(20);
        assertThat(config.publicUrl()).isEqualTo(GatewayConfig.DEFAULT_PUBLIC_URL);
        assertThat(config.dynamoEndpoint()).isNull();
    }

    @Test
    void aContextReadsTheSameSettingsTheSameWay() {
        Map<String, Object> given = Map.of("scanpay.wallet.timeout.pay", "1500ms", "scanpay.sweeper.page-size", "7",
                "scanpay.gateway.public-url", "https://gw.example/", "scanpay.outbound.allow-loopback", "true");
        GatewayConfig plain = GatewayConfig.of(given);
        GatewayConfig bean;
        try (ApplicationContext context = ApplicationContext.builder().properties(given).start()) {
            bean = context.getBean(GatewayConfig.class);
        }

        for (GatewayConfig config : List.of(plain, bean)) {
            assertThat(config.walletTimeouts().pay()).isEqualTo(Duration.ofMillis(1500));
            assertThat(config.sweeperPageSize()).isEqualTo(7);
            assertThat(config.publicUrl()).isEqualTo("https://gw.example");
            assertThat(config.destinationRules().refusalOf("https://127.0.0.1/")).isEmpty();
            assertThat(config.walletTimeouts().cancel()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStoreCapBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("scanpay.entry-codes.max-open-per-store", "0")))
                .hasMessageContaining("max-open-per-store");
    }

    @Test
    void theReadmeTableListsEverySettingWithItsDefault() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Settings"), readme.indexOf("## Tests"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(scanpay\\.[a-z0-9.-]+)` \\| (?:`([^`]*)`)? ?\\|").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) == null ? "" : row.group(2));
        }

        assertThat(documented).containsExactlyEntriesOf(GatewayConfig.defaults());
    }

    @Test
    void noOtherClassReadsAProperty() throws IOException {
        List<Path> readers;
        try (Stream<Path> files = Files.walk(ROOT.resolve("functions"))) {
            readers = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .filter(f -> !f.getFileName().toString().equals("GatewayConfig.java"))
                    .filter(GatewayConfigTest::readsAProperty)
                    .toList();
        }
        assertThat(readers).isEmpty();
    }

    private static boolean readsAProperty(Path file) {
        try {
            String source = Files.readString(file);
            // a Micronaut property, however injected (System.getProperty of a JVM flag is not a setting)
            return source.contains("@Value(") || source.contains("@Property(")
                    || Pattern.compile("(?<!System\\.)getProperty\\(").matcher(source).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
