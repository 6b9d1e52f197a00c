package dev.scanpay.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.api.legacy.LegacySignType;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.LegacyPartner;
import dev.scanpay.testkit.SamTemplate;
import dev.scanpay.testkit.SamTemplate.Route;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against this module: the legacy function is deployed like the merchant API (fixed name, live
 * alias, SnapStart, this module's jar, the proxy handler, the MD5 keys' secret named), GET and POST /gateway.do
 * are routed to it and may invoke it, and each route reaches its controller through the real handler.
 */
@Tag("e2e")
class LegacyTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theFunctionIsDeployedLikeTheMerchantApi() {
        Map<String, Object> properties = template.properties("LegacyGatewayFunction");
        assertThat(properties.get("FunctionName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-legacy-gateway"));
        assertThat(properties.get("CodeUri")).isEqualTo("functions/legacy-gateway/target/legacy-gateway-lambda.jar");
        assertThat(properties.get("Handler")).isEqualTo("dev.scanpay.core.config.LambdaHttpFunction");
        assertThat(properties.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(properties.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        Map<String, Object> env = SamTemplate.map(SamTemplate.map(properties.get("Environment")).get("Variables"));
        assertThat(env.get("SCANPAY_LEGACY_MD5_KEYS_SECRET_ID")).isEqualTo(Map.of("Ref", "LegacyMd5KeysSecretArn"));
        assertThat(template.text()).doesNotContain("md5Key\":\"");
    }

    @Test
    void getAndPostGatewayDoAreRoutedHereAndReachTheController() {
        assertThat(template.routesTo("legacy-gateway"))
                .containsExactlyInAnyOrder(new Route("GET", "/gateway.do"), new Route("POST", "/gateway.do"));
        String sourceArn = String.valueOf(template.properties("LegacyGatewayPermission").get("SourceArn"));
        assertThat(sourceArn).contains("/*/*/gateway.do");

        try (GatewayHarness gateway = new GatewayHarness()) {
            LegacyPartner stranger = new LegacyPartner(gateway.transport, "2088999999999999", "k", null, null);
            Map<String, String> query = Map.of("service", "alipay.acquire.overseas.query", "partner_trans_id", "T-1");
            for (Route route : template.routesTo("legacy-gateway")) {
                LegacyPartner.Answer answer = route.method().equals("GET")
                        ? stranger.get(LegacySignType.MD5, query)
                        : stranger.postAsDemo(LegacySignType.MD5, query);
                assertThat(answer.status).as("%s %s", route.method(), route.path()).isEqualTo(200);
                assertThat(answer.error()).as("%s %s", route.method(), route.path()).isEqualTo("ILLEGAL_PARTNER");
            }
        }
    }
}
