package dev.scanpay.walletapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.SamTemplate;
import dev.scanpay.testkit.SamTemplate.Route;
import dev.scanpay.testkit.SignedWallet;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The wallet API's function in template.yaml: its jar, its handler, its routes reaching the controller. */
@Tag("integration")
class WalletApiTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void functionDeploysThisModulesJarWithTheApiGatewayHandler() throws Exception {
        Map<String, Object> properties = template.properties("WalletApiFunction");
        assertThat(properties.get("CodeUri")).isEqualTo("functions/wallet-api/target/wallet-api-lambda.jar");
        assertThat(Files.readString(SamTemplate.ROOT.resolve("functions/wallet-api/pom.xml")))
                .contains("<outputFile>${project.build.directory}/wallet-api-lambda.jar</outputFile>");
        assertThat(properties.get("Handler")).isEqualTo("dev.scanpay.core.config.LambdaHttpFunction");
        assertThat(properties.get("FunctionName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-wallet-api"));
        Map<String, Object> env = SamTemplate.map(SamTemplate.map(properties.get("Environment")).get("Variables"));
        assertThat(env.get("SCANPAY_GATEWAY_KEY_SECRET_ID")).isEqualTo(Map.of("Ref", "GatewayKeySecretArn"));
        assertThat(env).containsKeys("SCANPAY_TABLE", "SCANPAY_GATEWAY_PUBLIC_URL", "SCANPAY_GATEWAY_CLIENT_ID");
        assertThat(SamTemplate.map(template.resource("WalletApiPermission").get("Properties")).get("FunctionName"))
                .isEqualTo(Map.of("Ref", "WalletApiFunction.Alias"));
    }

    @Test
    void everyRouteReachesTheControllerAndIsAnsweredSigned() {
        List<Route> routes = template.routesTo("wallet-api");
        assertThat(routes).extracting(Route::path).contains("/aps/api/v1/payments/{operation}");
        try (GatewayHarness gateway = new GatewayHarness()) {
            SignedWallet wallet = gateway.walletCaller();
            for (Route route : routes) {
                for (String operation : List.of("userInitiatedPay", "notifyPayment")) {
                    String path = route.path().replace("{operation}", operation);
                    String body = "{}";
                    var answer = wallet.sendMalformed(route.method(), path, body, wallet.headers(path, RequestTime.format(gateway.now()), body));
                    assertThat(answer.resultCode()).as("%s %s", route.method(), path).isEqualTo("PARAM_ILLEGAL");
                }
            }
        }
    }
}
