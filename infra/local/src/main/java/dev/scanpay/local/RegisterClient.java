package dev.scanpay.local;

import dev.scanpay.admin.ScanpayAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code register-client}, the local stack's older spelling of {@code scanpay-admin client add} (and, for a client
 * already registered, {@code client update}, which adds the key version given): the same checks, the same store
 * writes and the same audit entry, run by the admin tool against this data dir. A legacy partner also gets an MD5
 * key in the data dir's keys file, made once and never printed.
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
        String partner = args.get("legacy-partner", null);
        String clientId = partner != null ? partner : args.required("client-id");
        String local = files.dir().toString();
        boolean known = admin(new StringWriter(), "--local", local, "client", "show", clientId) == 0;
        List<String> command = new ArrayList<>(List.of("--local", local, "client"));
        if (known) {
            command.addAll(List.of("update", clientId));
        } else {
            command.add("add");
            command.addAll(partner != null ? List.of("--legacy-partner", partner) : List.of("--client-id", clientId));
            if (partner != null && args.get("client-id", null) != null) {
                command.addAll(List.of("--client-id", args.get("client-id", null)));
            }
        }
        command.addAll(List.of("--public-key-file", args.required("public-key-file"), "--key-version", args.get("key-version", "1")));
        for (String option : new String[] {"kind", "merchant-ids", "notify-urls", "notify-url"}) {
            if (args.get(option, null) != null) {
                command.addAll(List.of("--" + option, args.get(option, null)));
            }
        }
        StringWriter refusal = new StringWriter();
        if (admin(refusal, command.toArray(String[]::new)) != 0) {
            throw new IllegalArgumentException(refusal.toString().replace("scanpay-admin: ", "").strip());
        }
        if (partner != null) {
            // made once and kept (a re-registration rotates RSA keys, not this one); never printed
            LocalStack.legacyMd5Key(files, partner);
        }
        String gatewayPublicKey = (String) files.read(files.path("demo-merchant.json")).get("gatewayPublicKey");
        System.out.println("Registered " + args.get("kind", "MERCHANT") + " " + clientId + " (keyVersion "
                + args.get("key-version", "1") + (known ? ", added to its keys" : "") + "), as `scanpay-admin --local "
                + local + " client " + (known ? "update" : "add") + "` does; see it with `scanpay-admin client show " + clientId + "`");
        if (partner != null) {
            System.out.println("Legacy partner " + partner + ": its MD5 key is in " + files.path(LocalStack.LEGACY_MD5_KEYS)
                    + " (the stack reads that file when it starts: restart it before signing with MD5; RSA and RSA2 work now)");
        }
        System.out.println("Verify the gateway's answers with its public key:");
        System.out.println(gatewayPublicKey);
    }

    private static int admin(StringWriter err, String... args) {
        return ScanpayAdmin.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }
}
