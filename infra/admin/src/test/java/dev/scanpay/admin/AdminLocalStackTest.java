package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RsaKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code --stack} through the real AWS APIs (LocalStack): the stack found by CloudFormation's DescribeStacks, the
 * caller by STS, a legacy partner's client written to the stack's table and its MD5 key to the stack's secret.
 * Needs a Docker engine; skipped cleanly where none runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("integration")
class AdminLocalStackTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.CLOUDFORMATION, LocalStackContainer.Service.DYNAMODB,
                    LocalStackContainer.Service.SECRETSMANAGER, LocalStackContainer.Service.STS);

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("aws.endpointUrl");
    }

    @Test
    void findsTheStackByItsOutputsAndKeepsTheMd5KeyInItsSecret() throws Exception {
        // the SDK reads a global endpoint from this property, as from AWS_ENDPOINT_URL: every client goes to LocalStack
        System.setProperty("aws.endpointUrl", LOCALSTACK.getEndpoint().toString());
        System.setProperty("aws.region", LOCALSTACK.getRegion());
        String secretArn;
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            secretArn = secrets.createSecret(b -> b.name("scanpay/legacy-md5-keys").secretString("{}")).arn();
        }
        String gatewayKey = RsaKeys.encode(RsaKeys.generate().getPublic());
        String template = """
                {"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
                   "BillingMode": "PAY_PER_REQUEST",
                   "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}}},
                 "Outputs": {"TableName": {"Value": {"Ref": "Table"}}, "ApiUrl": {"Value": "https://gw.example"},
                   "LegacyMd5KeysSecretArn": {"Value": "%s"}, "GatewayPublicKey": {"Value": "%s"},
                   "GatewayKeyVersion": {"Value": "1"}}}
                """.formatted(secretArn, gatewayKey);
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            cloudFormation.createStack(b -> b.stackName("scanpay").templateBody(template));
            cloudFormation.waiter().waitUntilStackCreateComplete(b -> b.stackName("scanpay"));
        }
        AdminRun admin = new AdminRun(dir, Clock.systemUTC(), options -> AwsStack.open(options.stack, options.region, options.profile));
        Path key = admin.publicKeyFile("pos", RsaKeys.generate());
        Path md5 = dir.resolve("partner.md5");

        AdminRun.Result added = admin.run("--stack", "scanpay", "--region", LOCALSTACK.getRegion(), "client", "add",
                "--legacy-partner", "2088100000000002", "--public-key-file", key.toString(), "--md5-key-file", md5.toString());

        assertThat(added.exit()).as(added.err()).isZero();
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(secrets.getSecretValue(b -> b.secretId(secretArn)).secretString())
                    .contains("\"2088100000000002\":\"" + Files.readString(md5) + "\"");
        }
        Map<String, Object> shown = admin.run("--stack", "scanpay", "client", "show", "2088100000000002", "--json").json();
        assertThat(shown).containsEntry("legacyMd5Key", "set");
        assertThat(admin.run("--stack", "scanpay", "audit", "list", "--json").jsonList()).singleElement()
                .satisfies(e -> assertThat((String) e.get("who")).startsWith("arn:aws"));
        assertThat(admin.run("--stack", "scanpay", "gateway-key", "show", "--json").json()).containsEntry("publicKey", gatewayKey);
        admin.assertWithinOperatorPolicy();
    }
}
