package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.FunctionPolicy;
import dev.scanpay.testkit.SamTemplate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The operators' managed policy in template.yaml is exactly infra/admin/iam-policy.txt, which the admin tool's
 * tests hold to the calls the tool sends (every DynamoDB call recorded and checked, see AdminRun); and the stack
 * outputs every value the tool reads.
 */
class AdminPolicyTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theOperatorPolicyIsTheListBesideTheTool() {
        Set<String> listed = strings(FunctionPolicy.of(FunctionPolicy.ADMIN).grants());
        Set<String> granted = strings(FunctionPolicy.inManagedPolicy(template, "ScanpayOperatorPolicy"));

        assertThat(granted).as("template.yaml's ScanpayOperatorPolicy against infra/admin/iam-policy.txt")
                .containsExactlyInAnyOrderElementsOf(listed);
    }

    /** Operators never read the gateway's private key: its public half comes from an output. */
    @Test
    void operatorsMayNotReadTheGatewayKey() {
        assertThat(FunctionPolicy.of(FunctionPolicy.ADMIN).grants()).noneMatch(g -> g.resource().equals("gateway-key"));
    }

    /** Everything that writes names the key families it touches; no delete of anything but dead-letter marks. */
    @Test
    void everyWriteIsLimitedToItsKeyFamilies() {
        FunctionPolicy.of(FunctionPolicy.ADMIN).grants().stream()
                .filter(g -> Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem").contains(g.action()))
                .forEach(g -> assertThat(g.leadingKeys()).as(g.toString()).isNotEmpty().doesNotContain("*"));
        assertThat(FunctionPolicy.of(FunctionPolicy.ADMIN).grants()).filteredOn(g -> g.action().equals("dynamodb:DeleteItem"))
                .singleElement().satisfies(g -> assertThat(g.leadingKeys()).containsExactly("DEADNTF#*"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStackOutputsWhatTheToolReads() {
        Map<String, Object> outputs = (Map<String, Object>) template.raw().get("Outputs");

        assertThat(outputs).containsKeys(StackTarget.OUTPUTS.toArray(String[]::new)).containsKey("OperatorPolicyArn");
    }

    private static Set<String> strings(Set<FunctionPolicy.Grant> grants) {
        Set<String> text = new TreeSet<>();
        grants.forEach(g -> text.add(g.toString()));
        return text;
    }
}
