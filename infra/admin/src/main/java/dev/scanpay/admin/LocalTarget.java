package dev.scanpay.admin;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack's data dir ({@code ./scanpay-local --data-dir DIR}). While the stack runs, its DynamoDB Local
 * holds {@code DIR/dynamodb} open, so the commands go to that running instance (its endpoint is in
 * {@code DIR/stack.json}); while it is stopped, they start DynamoDB Local on {@code DIR/dynamodb} in this JVM for
 * the length of the command. Either way the next start of the stack sees what was written.
 */
final class LocalTarget implements Target {

    static final String TABLE = "scanpay";
    static final String MD5_KEYS_FILE = "legacy-md5-keys.json";
    private static final Json JSON = Json.standalone();

    private final Path dir;
    private final String table;
    private final EmbeddedDynamo started;
    private final DynamoDbClient dynamo;
    private final boolean running;

    private LocalTarget(Path dir, String table, EmbeddedDynamo started, DynamoDbClient dynamo, boolean running) {
        this.dir = dir;
        this.table = table;
        this.started = started;
        this.dynamo = dynamo;
        this.running = running;
    }

    static LocalTarget open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs.resolve("dynamodb"))) {
            throw new AdminRefusal("no local stack data under " + abs + " (no dynamodb folder); start ./scanpay-local once, "
                    + "or name its data dir with --local DIR");
        }
        String endpoint = runningEndpoint(abs);
        if (endpoint != null) {
            DynamoDbClient client = EmbeddedDynamo.clientOf(endpoint);
            Object table = read(abs.resolve("stack.json")).get("table");
            return new LocalTarget(abs, table instanceof String name ? name : TABLE, null, client, true);
        }
        // DynamoDB Local prints its banner on stdout, which carries the command's answer: send it to stderr
        java.io.PrintStream out = System.out;
        EmbeddedDynamo dynamo;
        System.setOut(System.err);
        try {
            dynamo = EmbeddedDynamo.persistedUnder(abs.resolve("dynamodb"));
        } finally {
            System.setOut(out);
        }
        DynamoDbClient client = dynamo.client();
        ScanpayTable.ensure(client, TABLE);
        return new LocalTarget(abs, TABLE, dynamo, client, false);
    }

    /** The running stack's DynamoDB Local endpoint, when DIR/stack.json names a live process that answers there. */
    private static String runningEndpoint(Path dir) {
        Path stackFile = dir.resolve("stack.json");
        if (!Files.exists(stackFile)) {
            return null;
        }
        Map<String, Object> stack = read(stackFile);
        Object pid = stack.get("pid");
        Object endpoint = stack.get("dynamodbEndpoint");
        if (!(pid instanceof Number number) || !(endpoint instanceof String url)
                || ProcessHandle.of(number.longValue()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            return null;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            connection.getResponseCode();
            connection.disconnect();
            return url;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return "local stack in " + dir + (running ? " (running)" : " (stopped)");
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String who() {
        return "local:" + System.getProperty("user.name", "unknown");
    }

    @Override
    public DestinationRules destinations() {
        // what the local stack sends by: the simulator and receivers are on loopback and plain http
        return new DestinationRules(true, false);
    }

    @Override
    public String publicUrl() {
        for (String file : new String[] {"stack.json", "demo-merchant.json"}) {
            Path path = dir.resolve(file);
            if (Files.exists(path) && read(path).get("gatewayUrl") instanceof String url) {
                return url;
            }
        }
        return "http://127.0.0.1:8080";
    }

    @Override
    public Md5KeyVault md5Keys() {
        Path file = dir.resolve(MD5_KEYS_FILE);
        return new Md5KeyVault() {
            @Override
            protected byte[] read() {
                try {
                    return Files.exists(file) ? Files.readAllBytes(file) : null;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }

            @Override
            protected void write(byte[] json) {
                OwnerOnlyFiles.write(file, json);
            }

            @Override
            String where() {
                return file.toString();
            }
        };
    }

    @Override
    public String md5KeyTakesEffect() {
        return "the local stack reads " + dir.resolve(MD5_KEYS_FILE) + " when it starts: restart it before the partner signs with MD5";
    }

    @Override
    public GatewayPublicKey gatewayKey() {
        Path file = dir.resolve("gateway-key.json");
        if (!Files.exists(file)) {
            throw new AdminRefusal("no gateway key in " + dir + " yet; start ./scanpay-local once");
        }
        Map<String, Object> stored = read(file);
        String publicKey = stored.get("publicKey") instanceof String text ? text
                : RsaKeys.encode(RsaKeys.publicKeyOf(RsaKeys.privateKey((String) stored.get("privateKey"))));
        return new GatewayPublicKey(publicKey, String.valueOf(stored.getOrDefault("keyVersion", "1")), file.toString());
    }

    @Override
    public void close() {
        dynamo.close();
        if (started != null) {
            started.close();
        }
    }

    private static Map<String, Object> read(Path file) {
        try {
            return JSON.parseObject(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
