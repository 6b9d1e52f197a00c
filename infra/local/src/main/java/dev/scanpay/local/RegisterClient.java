package dev.scanpay.local;

import dev.scanpay.core.api.legacy.LegacyPartnerId;
import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.ClientStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Admin command: registers (or re-registers, which is how keys rotate) a merchant or ISV in the running
 * local stack, from a public key file (base64 X.509, PEM armour allowed).
 */
final class RegisterClient {

    private RegisterClient() {
    }

    /** A comma-separated option as its non-empty entries. */
    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static void run(Args args) throws Exception {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        if (!Files.exists(files.path("stack.json"))) {
            throw new IllegalArgumentException("no local stack under " + files.dir() + "; start it first");
        }
        Map<String, Object> stack = files.read(files.path("stack.json"));
        // --legacy-partner 2088...: a Legacy Barcode API partner, a client whose id is its partner id, with an MD5 key
        String partner = args.get("legacy-partner", null);
        if (partner != null && !LegacyPartnerId.isWellFormed(partner)) {
            throw new IllegalArgumentException("--legacy-partner is 16 digits starting 2088");
        }
        if (partner != null && !args.get("client-id", partner).equals(partner)) {
            throw new IllegalArgumentException("a legacy partner's client id is its partner id; leave --client-id out");
        }
        String clientId = partner != null ? partner : args.required("client-id");
        String publicKey = Files.readString(Path.of(args.required("public-key-file"))).trim();
        RsaKeys.publicKey(publicKey);
        ClientKind kind = ClientKind.valueOf(args.get("kind", "MERCHANT"));
        String notifyUrl = args.get("notify-url", null);
        if (notifyUrl != null) {
            // the rules the gateway sends by, here the local stack's (loopback and plain http allowed)
            LocalStack.LOCAL_DESTINATIONS.refusalOf(notifyUrl).ifPresent(problem -> {
                throw new IllegalArgumentException("--notify-url " + problem);
            });
        }
        Set<String> merchantIds = Set.copyOf(list(args.get("merchant-ids", "")));
        // where this client's notifications may go; its default --notify-url must be inside them
        NotifyUrlPrefixes notifyUrls = NotifyUrlPrefixes.of(list(args.get("notify-urls", "")));
        try (DynamoDbClient db = DynamoDbClient.builder()
                .endpointOverride(URI.create((String) stack.get("dynamodbEndpoint")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            new ClientStore(db, (String) stack.get("table")).put(new Client(clientId, clientId, kind,
                    Map.of(args.get("key-version", "1"), publicKey), merchantIds, notifyUrl, notifyUrls,
                    Instant.now()));
        }
        if (partner != null) {
            // made once and kept (a re-registration rotates RSA keys, not this one); never printed
            LocalStack.legacyMd5Key(files, partner);
        }
        String gatewayPublicKey = (String) files.read(files.path("demo-merchant.json")).get("gatewayPublicKey");
        System.out.println("Registered " + kind + " " + clientId + " (keyVersion " + args.get("key-version", "1") + ")"
                + (merchantIds.isEmpty() ? "" : " acting for " + merchantIds)
                + (notifyUrls.isEmpty() ? ", no notify URLs of its own" : ", notified only under " + notifyUrls.urls()));
        if (partner != null) {
            System.out.println("Legacy partner " + partner + ": its MD5 key is in " + files.path(LocalStack.LEGACY_MD5_KEYS)
                    + " (the stack reads that file when it starts: restart it before signing with MD5; RSA and RSA2 work now)");
        }
        System.out.println("Verify the gateway's answers with its public key:");
        System.out.println(gatewayPublicKey);
    }
}
