package dev.scanpay.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The gateway key as the cloud loads it: from a Secrets Manager secret, through the real API (LocalStack).
 * Needs a Docker engine; skipped cleanly where none runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("integration")
class GatewayKeySecretsManagerTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.SECRETSMANAGER);

    @Test
    void loadsTheSigningKeyFromASecret() {
        KeyPair keys = RsaKeys.generate();
        String arn;
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            arn = secrets.createSecret(b -> b.name("scanpay/gateway-key").secretString(
                    "{\"privateKey\":\"" + RsaKeys.encode(keys.getPrivate()) + "\",\"keyVersion\":\"3\"}")).arn();
        }
        // the SDK reads service endpoints from these properties, as Lambda would from its environment
        System.setProperty("aws.endpointUrlSecretsManager", LOCALSTACK.getEndpoint().toString());
        System.setProperty("aws.region", LOCALSTACK.getRegion());
        try {
            GatewayConfig config = GatewayConfig.of(Map.of("scanpay.gateway.public-url", "https://gw.example",
                    "scanpay.gateway.key.secret-id", arn));

            MessageSigner signer = GatewayKeyLoader.load(config, Json.standalone());

            assertThat(signer.keyVersion()).isEqualTo("3");
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            String header = signer.sign("POST", "/x", "1", body);
            assertThat(RsaSigner.verify(keys.getPublic(), SignedContent.of("POST", "/x", "SCANPAY", "1", body),
                    SignatureHeader.parse(header).orElseThrow().signatureBase64())).isTrue();
        } finally {
            System.clearProperty("aws.endpointUrlSecretsManager");
        }
    }
}
