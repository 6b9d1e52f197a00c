package dev.scanpay.core.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Report files in S3 through its real API (LocalStack), held to the directory store's contract, and the pre-signed
 * link a merchant is given downloads the file. Needs a Docker engine; skipped cleanly where none runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("integration")
class S3ReportStoreTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.S3);

    @TempDir
    Path dir;

    @Test
    void storesFindsAndHandsOutAPreSignedLinkThatDownloadsIt() throws Exception {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        try (S3Client s3 = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                     .credentialsProvider(credentials)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .build()) {
            s3.createBucket(b -> b.bucket("scanpay-reports"));
            S3ReportStore store = new S3ReportStore(s3, presigner, "scanpay-reports");
            String key = DirectoryReportStoreTest.KEY;
            assertThat(store.exists(key)).isFalse();

            store.put(key, DirectoryReportStoreTest.file(dir, "a\n<END>\n"));
            store.put(key, DirectoryReportStoreTest.file(dir, "b\n<END>\n"));

            assertThat(store.exists(key)).isTrue();
            URI link = store.link(key, Duration.ofMinutes(15));
            HttpResponse<InputStream> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(got.statusCode()).isEqualTo(200);
            try (InputStream body = got.body()) {
                assertThat(new String(body.readAllBytes())).isEqualTo("b\n<END>\n");
            }
        }
    }
}
