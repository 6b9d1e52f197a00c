package dev.scanpay.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The functions' DynamoDB client against an endpoint that accepts connections and never answers (a stalled
 * DynamoDB): each attempt is abandoned at the attempt timeout, the call gives up after its attempts, and the
 * whole call ends within the call timeout instead of the SDK's unbounded default.
 */
class BoundedDynamoClientTest {

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());   // read nothing, answer nothing
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aStalledDynamoCostsAtMostTheCallTimeoutAfterTheConfiguredAttempts() {
        GatewayConfig config = GatewayConfig.of(Map.of(
                "scanpay.dynamodb.endpoint", "http://127.0.0.1:" + silent.getLocalPort(),
                "scanpay.dynamodb.attempt-timeout", "200ms",
                "scanpay.dynamodb.call-timeout", "2s",
                "scanpay.dynamodb.max-attempts", "3"));
        try (DynamoDbClient client = new BasicsFactory().dynamoDbClient(config)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("scanpay").key(Map.of())))
                    .isInstanceOf(SdkClientException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(accepted).as("one connection per attempt, each abandoned").hasSize(3);
        }
    }

    @Test
    void theCallTimeoutEndsACallWhoseAttemptsWouldTakeLonger() {
        GatewayConfig config = GatewayConfig.of(Map.of(
                "scanpay.dynamodb.endpoint", "http://127.0.0.1:" + silent.getLocalPort(),
                "scanpay.dynamodb.attempt-timeout", "400ms",
                "scanpay.dynamodb.call-timeout", "500ms",
                "scanpay.dynamodb.max-attempts", "5"));
        try (DynamoDbClient client = new BasicsFactory().dynamoDbClient(config)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("scanpay").key(Map.of())))
                    .isInstanceOf(SdkClientException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void settingsThatCannotWorkTogetherAreRefusedAtStart() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("scanpay.dynamodb.attempt-timeout", "5s",
                "scanpay.dynamodb.call-timeout", "1s"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("scanpay.api.pay-deadline", "3s")))
                .hasMessageContaining("scanpay.wallet.timeout.pay");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("scanpay.api.deadline", "5s")))
                .hasMessageContaining("inquiry and cancel");
    }
}
