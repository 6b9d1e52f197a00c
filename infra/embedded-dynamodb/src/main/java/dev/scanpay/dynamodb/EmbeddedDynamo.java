package dev.scanpay.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this JVM: in memory for tests and benchmarks, persisted under a folder
 * for the local stack. Its clients use a fixed region and static credentials, so nothing ever probes
 * the instance metadata address.
 */
public final class EmbeddedDynamo implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    private static EmbeddedDynamo shared;

    public static EmbeddedDynamo inMemory() {
        return start(new String[] {"-inMemory"});
    }

    /**
     * One in-memory instance for the whole JVM, stopped when the JVM exits: tests share it and isolate
     * themselves by table, instead of paying a DynamoDB Local start per test class.
     */
    public static synchronized EmbeddedDynamo shared() {
        if (shared == null) {
            shared = inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static EmbeddedDynamo persistedUnder(Path dataDir) {
        return start(new String[] {"-dbPath", dataDir.toAbsolutePath().toString()});
    }

    private static EmbeddedDynamo start(String[] storage) {
        System.setProperty("aws.disableEc2Metadata", "true");
        int port = freePort();
        String[] args = new String[storage.length + 3];
        System.arraycopy(storage, 0, args, 0, storage.length);
        args[storage.length] = "-port";
        args[storage.length + 1] = Integer.toString(port);
        args[storage.length + 2] = "-disableTelemetry";
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new EmbeddedDynamo(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public DynamoDbClient client() {
        return clientOf(endpoint());
    }

    /** A client of the DynamoDB Local at {@code endpoint}, this JVM's or another's (a running local stack's). */
    public static DynamoDbClient clientOf(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
