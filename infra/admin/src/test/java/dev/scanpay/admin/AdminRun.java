package dev.scanpay.admin;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.testkit.DynamoCalls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs scanpay-admin commands in this JVM against a data dir that looks like a running local stack's (its
 * stack.json names a DynamoDB Local endpoint, a table and this process), as an operator's shell would.
 */
final class AdminRun {

    private static final Json JSON = Json.standalone();

    final Path dir;
    final KeyPair gatewayKeys = RsaKeys.generate();
    /** Every DynamoDB call the commands sent, as IAM sees it, for checking against the operator policy. */
    final java.util.List<DynamoCalls> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Clock clock;
    /** How the commands' options become a target; null: as the tool does it (Targets.open), with --local DIR. */
    private final java.util.function.Function<ScanpayAdmin, Target> targets;

    /** Commands against whatever {@code targets} gives (a deployed stack's target, say); no --local added. */
    AdminRun(Path dir, Clock clock, java.util.function.Function<ScanpayAdmin, Target> targets) {
        this.dir = dir;
        this.clock = clock;
        this.targets = targets;
    }

    /** A data dir whose "running stack" is the DynamoDB Local at {@code endpoint}, with this table. */
    AdminRun(Path dir, String endpoint, String table, String gatewayUrl, Clock clock) {
        this(dir, clock, null);
        try {
            Files.createDirectories(dir.resolve("dynamodb"));
            Files.write(dir.resolve("stack.json"), JSON.write(JsonObject.create()
                    .put("gatewayUrl", gatewayUrl).put("dynamodbEndpoint", endpoint).put("table", table)
                    .put("pid", ProcessHandle.current().pid()).build()));
            Files.write(dir.resolve("gateway-key.json"), JSON.write(JsonObject.create()
                    .put("privateKey", RsaKeys.encode(gatewayKeys.getPrivate()))
                    .put("publicKey", RsaKeys.encode(gatewayKeys.getPublic())).put("keyVersion", "1").build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {
        Map<String, Object> json() {
            return JSON.parseObject(out.getBytes(StandardCharsets.UTF_8));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jsonList() {
            // core's reader takes objects: the list, wrapped in one
            return (List<Map<String, Object>>) JSON.parseObject(("{\"list\":" + out + "}").getBytes(StandardCharsets.UTF_8))
                    .get("list");
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = ScanpayAdmin.commandLine(new ScanpayAdmin(
                options -> recorded(targets != null ? targets.apply(options) : Targets.open(options)), clock));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        String[] all = args;
        if (targets == null) {
            all = new String[args.length + 2];
            all[0] = "--local";
            all[1] = dir.toString();
            System.arraycopy(args, 0, all, 2, args.length);
        }
        int exit = line.execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Every call of every command so far within infra/admin/iam-policy.txt (and so template.yaml's policy). */
    void assertWithinOperatorPolicy() {
        calls.forEach(DynamoCalls::assertWithinPolicies);
    }

    /** The target with its DynamoDB client recording each call. */
    private Target recorded(Target target) {
        DynamoCalls recording = DynamoCalls.recording(target.dynamo());
        calls.add(recording);
        return new Target() {
            public String describe() { return target.describe(); }
            public software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo() { return recording.client(); }
            public String table() { return target.table(); }
            public String who() { return target.who(); }
            public dev.scanpay.core.outbound.DestinationRules destinations() { return target.destinations(); }
            public String publicUrl() { return target.publicUrl(); }
            public Md5KeyVault md5Keys() { return target.md5Keys(); }
            public GatewayPublicKey gatewayKey() { return target.gatewayKey(); }
            public String md5KeyTakesEffect() { return target.md5KeyTakesEffect(); }
            public void close() { target.close(); }
        };
    }

    /** A public key file for a fresh key pair, as {@code scanpay-local keygen} would write it. */
    Path publicKeyFile(String name, KeyPair keys) {
        Path file = dir.resolve(name + ".pub");
        try {
            Files.writeString(file, RsaKeys.encode(keys.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
