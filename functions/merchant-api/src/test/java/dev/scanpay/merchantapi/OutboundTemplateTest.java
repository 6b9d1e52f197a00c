package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.SamTemplate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployed functions keep the outbound defaults: no function (nor the template's Globals) allows
 * loopback or lifts the https requirement, in any spelling Micronaut would read as those settings.
 */
class OutboundTemplateTest {

    /** scanpay.outbound.allow-loopback / require-https as a property, an environment variable or a -D flag. */
    private static final Pattern OUTBOUND_SETTING = Pattern.compile("(?i)outbound[._-]*(allow[._-]*loopback|require[._-]*https)");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void noFunctionAllowsLoopbackOrPlainHttp() {
        Map<String, Object> resources = SamTemplate.map(template.raw().get("Resources"));
        long functions = resources.values().stream()
                .map(SamTemplate::map)
                .filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
                .peek(r -> assertThat(String.valueOf(SamTemplate.map(r.get("Properties")).get("Environment")))
                        .doesNotContainPattern(OUTBOUND_SETTING))
                .count();
        assertThat(functions).isGreaterThanOrEqualTo(5);
        assertThat(String.valueOf(SamTemplate.map(template.raw().get("Globals")))).doesNotContainPattern(OUTBOUND_SETTING);
        assertThat(template.text().toLowerCase(Locale.ROOT)).doesNotContainPattern(OUTBOUND_SETTING)
                .doesNotContain("allow_loopback").doesNotContain("allowloopback");
    }
}
