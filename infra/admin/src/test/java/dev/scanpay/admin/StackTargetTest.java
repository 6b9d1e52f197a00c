package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.AuditStore;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A deployed stack as the tool finds it: its outputs (here a test double of {@link StackOutputs}) name the table,
 * URL and keys; the SDK clients are the tool's own, built from the default chain (pointed at DynamoDB Local by
 * the SDK's endpoint setting); the deployed outbound rules apply and the audit names the caller's identity.
 */
@Tag("integration")
class StackTargetTest {

    private static final EmbeddedDynamo DYNAMO = EmbeddedDynamo.shared();
    private static final String CALLER = "arn:aws:iam::123456789012:user/ops-alice";

    @TempDir
    Path dir;

    private final DynamoDbClient db = DYNAMO.client();
    private final String table = "stack-" + UUID.randomUUID();
    private final String gatewayKey = RsaKeys.encode(RsaKeys.generate().getPublic());
    private final Map<String, String> outputs = new HashMap<>();
    private AdminRun admin;

    @BeforeEach
    void stack() {
        ScanpayTable.ensure(db, table);
        System.setProperty("aws.endpointUrlDynamoDb", DYNAMO.endpoint());
        outputs.putAll(Map.of("TableName", table, "ApiUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com",
                "LegacyMd5KeysSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:scanpay/legacy-md5-keys-AbCdEf",
                "GatewayPublicKey", gatewayKey, "GatewayKeyVersion", "3"));
        StackOutputs double_ = name -> {
            assertThat(name).isEqualTo("scanpay");
            return Map.copyOf(outputs);
        };
        admin = new AdminRun(dir, Clock.systemUTC(), options -> {
            assertThat(options.stack).isEqualTo("scanpay");
            return AwsStack.connect(options.stack, options.region, double_.of(options.stack), CALLER, null);
        });
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.endpointUrlDynamoDb");
    }

    @Test
    void findsTheTableFromTheOutputsAndAuditsTheCallersIdentity() {
        Path key = admin.publicKeyFile("pos", RsaKeys.generate());

        AdminRun.Result added = admin.run("--stack", "scanpay", "client", "add", "--client-id", "ACME",
                "--public-key-file", key.toString(), "--notify-urls", "https://acme.example/notify");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(new ClientStore(db, table).get("ACME")).isPresent();
        assertThat(new AuditStore(db, table).since(Instant.EPOCH)).singleElement()
                .satisfies(e -> assertThat(e.who()).isEqualTo(CALLER));
        admin.assertWithinOperatorPolicy();
    }

    @Test
    void appliesTheDeployedOutboundRules() {
        Path key = admin.publicKeyFile("pos", RsaKeys.generate());

        AdminRun.Result refused = admin.run("--stack", "scanpay", "client", "add", "--client-id", "ACME",
                "--public-key-file", key.toString(), "--notify-urls", "http://acme.example/notify");
        AdminRun.Result loopback = admin.run("--stack", "scanpay", "wallet", "add", "--wallet-id", "W",
                "--endpoint", "https://127.0.0.1/aps", "--public-key-file", key.toString(), "--code-prefixes", "28");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("must be an https URL");
        assertThat(loopback.err()).contains("private or reserved range");
        assertThat(new ClientStore(db, table).registrations()).isEmpty();
    }

    @Test
    void showsTheGatewayKeyFromTheOutputsAndSaysWhatIsMissing() {
        Map<String, Object> shown = admin.run("--stack", "scanpay", "gateway-key", "show", "--json").json();
        assertThat(shown).containsEntry("publicKey", gatewayKey).containsEntry("keyVersion", "3");

        outputs.put("GatewayPublicKey", "");
        AdminRun.Result missing = admin.run("--stack", "scanpay", "gateway-key", "show");
        assertThat(missing.err()).contains("has no output GatewayPublicKey", "README-deploy.md");

        outputs.remove("TableName");
        assertThat(admin.run("--stack", "scanpay", "client", "list").err()).contains("has no output TableName");
    }

    @Test
    void anAwsRefusalIsOneLineNotAStackTrace() {
        outputs.put("TableName", "no-such-table");

        AdminRun.Result failed = admin.run("--stack", "scanpay", "client", "show", "ACME");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).startsWith("scanpay-admin: AWS: ").doesNotContain("\tat ");
    }

    @Test
    void refusesTwoTargetsAtOnce() {
        AdminRun.Result both = new AdminRun(dir, Clock.systemUTC(), Targets::open)
                .run("--stack", "scanpay", "--local", dir.toString(), "client", "list");

        assertThat(both.err()).contains("not both");
    }
}
