package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.FunctionPolicy;
import dev.scanpay.testkit.FunctionPolicy.Grant;
import dev.scanpay.testkit.SamTemplate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each function's IAM policy in template.yaml is exactly the list kept beside its code
 * ({@code functions/<function>/iam-policy.txt}): the actions, resources and partition keys its code uses.
 * The list itself is held to the code by each function's end-to-end tests, which record every DynamoDB call
 * the function sends and fail on one the list does not allow (DynamoCalls).
 */
class FunctionPoliciesTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyFunctionsPolicyIsTheListBesideItsCode() {
        for (String function : FunctionPolicy.LOGICAL_IDS.keySet()) {
            Set<String> listed = strings(FunctionPolicy.of(function).grants());
            Set<String> granted = strings(FunctionPolicy.inTemplate(template, function));
            assertThat(granted).as("%s: template.yaml against functions/%s/iam-policy.txt", function, function)
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    /** A function is told where the key is exactly when it may read it, and only signing functions may. */
    @Test
    void onlyFunctionsThatSignMayReadTheGatewayKey() {
        Map<String, Boolean> signs = Map.of("merchant-api", true, "wallet-api", true, "status-sweeper", true,
                "notifier", true, "codes", false, "legacy-gateway", true, "reconciliation", true);
        signs.forEach((function, signing) -> {
            boolean mayRead = FunctionPolicy.of(function).grants().stream()
                    .anyMatch(g -> g.action().equals("secretsmanager:GetSecretValue") && g.resource().equals("gateway-key"));
            assertThat(mayRead).as("%s may read the gateway key", function).isEqualTo(signing);
            Map<String, Object> env = env(function);
            assertThat(env.containsKey("SCANPAY_GATEWAY_KEY_SECRET_ID")).as("%s is told the key's secret", function)
                    .isEqualTo(signing);
        });
    }

    /**
     * The legacy partners' MD5 keys are read by the legacy gateway (requests and answers) and by the functions that
     * deliver notifications and sign legacy ones with them (notifier, status-sweeper); by no other function.
     */
    @Test
    void onlyTheLegacyGatewayAndTheNotificationSendersMayReadThePartnersMd5Keys() {
        Set<String> readers = Set.of("legacy-gateway", "notifier", "status-sweeper");
        for (String function : FunctionPolicy.LOGICAL_IDS.keySet()) {
            boolean mayRead = FunctionPolicy.of(function).grants().stream()
                    .anyMatch(g -> g.action().equals("secretsmanager:GetSecretValue") && g.resource().equals("legacy-md5-keys"));
            assertThat(mayRead).as("%s may read the MD5 keys", function).isEqualTo(readers.contains(function));
            assertThat(env(function).containsKey("SCANPAY_LEGACY_MD5_KEYS_SECRET_ID"))
                    .as("%s is told the MD5 keys' secret", function).isEqualTo(readers.contains(function));
        }
    }

    /** No function may write or delete anywhere in the table: every write names the key families it touches. */
    @Test
    void everyWriteIsLimitedToItsKeyFamilies() {
        for (String function : FunctionPolicy.LOGICAL_IDS.keySet()) {
            for (Grant grant : FunctionPolicy.of(function).grants()) {
                if (Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem").contains(grant.action())) {
                    assertThat(grant.leadingKeys()).as("%s: %s", function, grant).isNotEmpty().doesNotContain("*");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> env(String function) {
        Map<String, Object> properties = template.properties(FunctionPolicy.LOGICAL_IDS.get(function));
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    private static Set<String> strings(Set<Grant> grants) {
        Set<String> text = new TreeSet<>();
        grants.forEach(g -> text.add(g.toString()));
        return text;
    }
}
