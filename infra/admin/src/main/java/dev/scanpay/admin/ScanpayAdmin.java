package dev.scanpay.admin;

import dev.scanpay.codes.QrImages;
import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.model.client.ClientKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code scanpay-admin}: onboard and operate a Scanpay stack, the local one or a deployed one, with the same
 * commands. See README.md ("The local stack") and infra/sam/README-deploy.md.
 */
@Command(name = "scanpay-admin", mixinStandardHelpOptions = true, version = "scanpay-admin 0.1",
        description = "Onboard and operate a Scanpay stack: the local stack's data dir (--local DIR, the default when "
                + "./scanpay-data exists) or a deployed stack (--stack NAME [--region R] [--profile P]).",
        subcommands = {ScanpayAdmin.ClientCommands.class, ScanpayAdmin.WalletCommands.class,
                ScanpayAdmin.EntryCodeCommands.class, ScanpayAdmin.GatewayKeyCommands.class, ScanpayAdmin.PaymentCommands.class,
                ScanpayAdmin.NotificationsCommands.class, ScanpayAdmin.NotificationCommands.class,
                ScanpayAdmin.AuditCommands.class})
public final class ScanpayAdmin {

    static final String DEFAULT_DATA_DIR = "scanpay-data";

    @Option(names = "--local", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The local stack's data dir (default ./scanpay-data when it exists).")
    Path local;

    @Option(names = "--stack", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "A deployed stack's name: its table and secrets are found from its outputs.")
    String stack;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT, description = "The stack's region.")
    String region;

    @Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT,
            description = "The AWS profile whose credentials to use (default: the SDK's default chain).")
    String profile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text.")
    boolean json;

    private final Function<ScanpayAdmin, Target> targets;
    private final Clock clock;

    ScanpayAdmin(Function<ScanpayAdmin, Target> targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // the SDK must never probe the instance metadata address from an operator's machine
        System.setProperty("aws.disableEc2Metadata", System.getProperty("aws.disableEc2Metadata", "true"));
        // the codes jar carries the Lambda functions' logback.xml; the tool logs its own way (stderr, warnings only)
        System.setProperty("logback.configurationFile", System.getProperty("logback.configurationFile", "logback-admin.xml"));
        System.exit(commandLine(new ScanpayAdmin(Targets::open, Clock.systemUTC())).execute(args));
    }

    /**
     * Runs one command line as {@code scanpay-admin} would, printing to {@code out} and {@code err}; returns the exit
     * code. For other tools that offer these commands under their own spelling ({@code scanpay-local register-client}).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = commandLine(new ScanpayAdmin(Targets::open, Clock.systemUTC()));
        line.setOut(out);
        line.setErr(err);
        int exit = line.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    /** The command line, with refusals printed as one clear line (exit 2) rather than a stack trace. */
    static CommandLine commandLine(ScanpayAdmin admin) {
        CommandLine line = new CommandLine(admin);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof AdminRefusal || e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                cmd.getErr().println("scanpay-admin: " + e.getMessage());
                return 2;
            }
            if (e instanceof software.amazon.awssdk.core.exception.SdkException aws) {
                // no credentials, no region, a permission the operator lacks: AWS's own words, no stack trace
                cmd.getErr().println("scanpay-admin: AWS: " + aws.getMessage());
                return 1;
            }
            throw e;
        });
        return line;
    }

    /** Runs {@code work} against the chosen target and prints what it returns. */
    int run(CommandLine.Model.CommandSpec spec, Function<Admin, Object> work) {
        try (Target target = targets.apply(this)) {
            Object result = work.apply(new Admin(target, clock));
            print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    void print(PrintWriter out, Object result) {
        if (json) {
            out.println(new String(Json.standalone().write(result), StandardCharsets.UTF_8));
        } else {
            Text.print(out, result);
        }
        out.flush();
    }

    /** Each leaf command: reaches the root's options and runner. */
    abstract static class Leaf implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        ScanpayAdmin root() {
            return (ScanpayAdmin) spec.root().userObject();
        }

        int run(Function<Admin, Object> work) {
            return root().run(spec, work);
        }

        /** A note for the operator on stderr (text mode only), so --json output stays one document. */
        void note(String text) {
            if (!root().json) {
                spec.commandLine().getErr().println(text);
            }
        }
    }

    /** A command whose one argument is the id of what it acts on. */
    abstract static class ById extends Leaf {
        @Parameters(paramLabel = "ID", description = "The client, wallet, payment or notification id.")
        String id;

        abstract Object apply(Admin admin, String id);

        @Override
        public Integer call() {
            return run(admin -> apply(admin, id));
        }
    }

    // ------------------------------------------------------------------ clients

    @Command(name = "client", description = "Merchants and ISVs: add, update, show, list, disable, enable.",
            subcommands = {ClientAdd.class, ClientUpdate.class, ClientShow.class, ClientList.class, ClientDisable.class,
                    ClientEnable.class})
    static final class ClientCommands {
    }

    abstract static class ClientOptions extends Leaf {
        @Option(names = "--name", description = "Display name (default: the client id).")
        String name;
        @Option(names = "--kind", description = "MERCHANT or ISV.")
        ClientKind kind;
        @Option(names = "--public-key-file", paramLabel = "FILE",
                description = "The client's RSA public key (base64 X.509, PEM allowed), registered under --key-version.")
        Path publicKeyFile;
        @Option(names = "--key-version", paramLabel = "V", description = "The version of --public-key-file's key.")
        String keyVersion;
        @Option(names = "--merchant-ids", split = ",", paramLabel = "M1,M2",
                description = "The referenceMerchantIds the client may act for (an ISV must list them).")
        List<String> merchantIds;
        @Option(names = "--notify-urls", split = ",", paramLabel = "PREFIX1,PREFIX2",
                description = "Where the client's notifications may go (URL prefixes).")
        List<String> notifyUrls;
        @Option(names = "--notify-url", paramLabel = "URL", description = "The default notify URL, inside --notify-urls.")
        String notifyUrl;
        @Option(names = "--md5-key-file", paramLabel = "FILE",
                description = "A legacy partner's MD5 key: read from FILE, or made and written there (owner-only) when FILE "
                        + "does not exist. Kept in the stack's MD5 keys secret (locally DIR/legacy-md5-keys.json); never printed.")
        Path md5KeyFile;

        Map<String, String> addedKey(String defaultVersion) {
            if (publicKeyFile == null) {
                if (keyVersion != null) {
                    throw new AdminRefusal("--key-version names the version of --public-key-file's key; give the file too");
                }
                return Map.of();
            }
            String version = keyVersion != null ? keyVersion : defaultVersion;
            if (version == null) {
                throw new AdminRefusal("--public-key-file needs --key-version V (the version the client will sign with)");
            }
            return Map.of(version, readText(publicKeyFile));
        }

        String md5Key() {
            if (md5KeyFile == null) {
                return null;
            }
            if (Files.exists(md5KeyFile)) {
                String key = readText(md5KeyFile);
                if (key.isEmpty() || key.length() > 64 || !key.matches("[\\x21-\\x7e]+")) {
                    throw new AdminRefusal("the MD5 key in " + md5KeyFile + " must be 1 to 64 printable ASCII characters");
                }
                return key;
            }
            return LegacyMd5Keys.newKey();
        }

        /** A made key is written to its file only once the client is stored, so a refusal leaves nothing behind. */
        void keepMadeMd5Key(String key) {
            if (md5KeyFile != null && !Files.exists(md5KeyFile)) {
                OwnerOnlyFiles.write(md5KeyFile, key.getBytes(StandardCharsets.UTF_8));
                note("The partner's new MD5 key is in " + md5KeyFile + " (owner-only): hand it over by a safe channel.");
            }
        }

        void md5Note(Admin admin) {
            if (md5KeyFile != null) {
                note("MD5 key stored in " + admin.target().md5Keys().where() + "; " + admin.target().md5KeyTakesEffect() + ".");
            }
        }
    }

    @Command(name = "add", description = "Registers a merchant or ISV (or a legacy partner with --legacy-partner).")
    static final class ClientAdd extends ClientOptions {
        @Option(names = "--client-id", paramLabel = "ID", description = "The client id (1-64 letters, digits, _ - .).")
        String clientId;
        @Option(names = "--legacy-partner", paramLabel = "2088...",
                description = "A Legacy Barcode API partner: its client id is its partner id.")
        String legacyPartner;

        @Override
        public Integer call() {
            if (clientId == null && legacyPartner == null) {
                throw new AdminRefusal("give --client-id ID (or --legacy-partner 2088...)");
            }
            String md5 = md5Key();
            return run(admin -> {
                Map<String, Object> shown = admin.addClient(new Admin.ClientChange(clientId, name, kind, addedKey("1"), Set.of(),
                        merchantIds, notifyUrls, notifyUrl, legacyPartner, md5));
                if (md5 != null) {
                    keepMadeMd5Key(md5);
                    md5Note(admin);
                }
                note("Verify the gateway's answers with its public key: scanpay-admin gateway-key show");
                return shown;
            });
        }
    }

    @Command(name = "update", description = "Changes a client: add or retire key versions, merchants, notify URLs, MD5 key.")
    static final class ClientUpdate extends ClientOptions {
        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;
        @Option(names = "--retire-key-version", paramLabel = "V", description = "Removes a key version (repeatable).")
        List<String> retire = new ArrayList<>();

        @Override
        public Integer call() {
            String md5 = md5Key();
            return run(admin -> {
                Map<String, Object> shown = admin.updateClient(new Admin.ClientChange(clientId, name, kind, addedKey(null),
                        Set.copyOf(retire), merchantIds, notifyUrls, notifyUrl, null, md5));
                if (md5 != null) {
                    keepMadeMd5Key(md5);
                    md5Note(admin);
                }
                return shown;
            });
        }
    }

    @Command(name = "show", description = "One client, live or disabled.")
    static final class ClientShow extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.showClient(id);
        }
    }

    @Command(name = "list", description = "Every client.")
    static final class ClientList extends Leaf {
        @Override
        public Integer call() {
            return run(Admin::listClients);
        }
    }

    @Command(name = "disable", description = "Stops a client: every call it signs is refused as from an unknown client.")
    static final class ClientDisable extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.disableClient(id);
        }
    }

    @Command(name = "enable", description = "Makes a disabled client live again.")
    static final class ClientEnable extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.enableClient(id);
        }
    }

    // ------------------------------------------------------------------ wallets

    @Command(name = "wallet", description = "Wallets (MPPs): add, update, show, list, disable, enable.",
            subcommands = {WalletAdd.class, WalletUpdate.class, WalletShow.class, WalletList.class, WalletDisable.class,
                    WalletEnable.class})
    static final class WalletCommands {
    }

    abstract static class WalletOptions extends Leaf {
        @Option(names = "--psp-name", description = "The wallet's pspName (default: its id).")
        String pspName;
        @Option(names = "--endpoint", paramLabel = "URL", description = "Its Alipay+ base URL (the gateway calls URL/payments/pay).")
        String endpoint;
        @Option(names = "--public-key-file", paramLabel = "FILE", description = "Its RSA public key, under --key-version.")
        Path publicKeyFile;
        @Option(names = "--key-version", paramLabel = "V", description = "The version of --public-key-file's key.")
        String keyVersion;
        @Option(names = "--code-prefixes", split = ",", paramLabel = "P1,P2",
                description = "The payment-code prefixes it owns (digits; none may overlap another wallet's).")
        List<String> codePrefixes;
        @Option(names = "--cashier-url", paramLabel = "URL", description = "Its cashier page for entry-code payments (\"\" clears).")
        String cashierUrl;
        @Option(names = "--user-agent-marker", paramLabel = "TEXT",
                description = "What its in-app browser's User-Agent contains (\"\" clears).")
        String userAgentMarker;

        Map<String, String> addedKey(String defaultVersion) {
            if (publicKeyFile == null) {
                return Map.of();
            }
            String version = keyVersion != null ? keyVersion : defaultVersion;
            if (version == null) {
                throw new AdminRefusal("--public-key-file needs --key-version V");
            }
            return Map.of(version, readText(publicKeyFile));
        }
    }

    @Command(name = "add", description = "Registers a wallet.")
    static final class WalletAdd extends WalletOptions {
        @Option(names = "--wallet-id", required = true, paramLabel = "ID", description = "Its id (its Client-Id on the wallet API).")
        String walletId;

        @Override
        public Integer call() {
            return run(admin -> admin.addWallet(new Admin.WalletChange(walletId, pspName, endpoint, addedKey("1"), Set.of(),
                    codePrefixes, cashierUrl, userAgentMarker)));
        }
    }

    @Command(name = "update", description = "Changes a wallet: endpoint, key versions (add, retire), prefixes, cashier.")
    static final class WalletUpdate extends WalletOptions {
        @Parameters(paramLabel = "WALLET_ID")
        String walletId;
        @Option(names = "--retire-key-version", paramLabel = "V", description = "Removes a key version (repeatable).")
        List<String> retire = new ArrayList<>();

        @Override
        public Integer call() {
            return run(admin -> admin.updateWallet(new Admin.WalletChange(walletId, pspName, endpoint, addedKey(null),
                    Set.copyOf(retire), codePrefixes, cashierUrl, userAgentMarker)));
        }
    }

    @Command(name = "show", description = "One wallet, live or disabled.")
    static final class WalletShow extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.showWallet(id);
        }
    }

    @Command(name = "list", description = "Every wallet.")
    static final class WalletList extends Leaf {
        @Override
        public Integer call() {
            return run(Admin::listWallets);
        }
    }

    @Command(name = "disable", description = "Stops routing to a wallet and accepting its calls.")
    static final class WalletDisable extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.disableWallet(id);
        }
    }

    @Command(name = "enable", description = "Makes a disabled wallet live again (if its prefixes are still its own).")
    static final class WalletEnable extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.enableWallet(id);
        }
    }

    // ------------------------------------------------------------------ entry codes

    @Command(name = "entry-code", description = "Stores' entry codes: add, list, show (with the QR as PNG or SVG).",
            subcommands = {EntryCodeAdd.class, EntryCodeList.class, EntryCodeShow.class})
    static final class EntryCodeCommands {
    }

    abstract static class QrFiles extends Leaf {
        @Option(names = "--png", paramLabel = "FILE", description = "Writes the code's QR as a PNG (800 px).")
        Path png;
        @Option(names = "--svg", paramLabel = "FILE", description = "Writes the code's QR as an SVG.")
        Path svg;

        void writeQr(Map<String, Object> code) {
            String value = (String) code.get("codeValue");
            try {
                if (png != null) {
                    Files.write(png, QrImages.png(value, QrImages.Size.BIGIMAGE));
                    note("QR written to " + png);
                }
                if (svg != null) {
                    Files.writeString(svg, QrImages.svg(value, QrImages.Size.BIGIMAGE));
                    note("QR written to " + svg);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the QR: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "add", description = "A store's entry code, registered as the client's registerEntryCode would "
            + "(a store keeps the code it has).")
    static final class EntryCodeAdd extends QrFiles {
        @Option(names = "--client-id", required = true, paramLabel = "ID") String clientId;
        @Option(names = "--merchant-id", required = true, paramLabel = "ID") String merchantId;
        @Option(names = "--merchant-name", required = true) String merchantName;
        @Option(names = "--merchant-mcc", required = true, paramLabel = "MCC") String merchantMcc;
        @Option(names = "--merchant-display-name") String merchantDisplayName;
        @Option(names = "--store-id", required = true, paramLabel = "ID") String storeId;
        @Option(names = "--store-name", required = true) String storeName;
        @Option(names = "--store-mcc", required = true, paramLabel = "MCC") String storeMcc;
        @Option(names = "--store-display-name") String storeDisplayName;
        @Option(names = "--currency", required = true, paramLabel = "ISO4217") String currency;
        @Option(names = "--notify-url", paramLabel = "URL", description = "Where its payments' results go (default: the client's).")
        String notifyUrl;

        @Override
        public Integer call() {
            return run(admin -> {
                Map<String, Object> code = admin.addEntryCode(new Admin.EntryCodeRequest(clientId, merchantId, merchantName,
                        merchantMcc, merchantDisplayName, storeId, storeName, storeMcc, storeDisplayName, currency, notifyUrl));
                writeQr(code);
                return code;
            });
        }
    }

    @Command(name = "list", description = "Every store's entry code, or one client's.")
    static final class EntryCodeList extends Leaf {
        @Option(names = "--client-id", paramLabel = "ID") String clientId;

        @Override
        public Integer call() {
            return run(admin -> admin.listEntryCodes(clientId));
        }
    }

    @Command(name = "show", description = "One entry code by its token.")
    static final class EntryCodeShow extends QrFiles {
        @Parameters(paramLabel = "TOKEN") String token;

        @Override
        public Integer call() {
            return run(admin -> {
                Map<String, Object> code = admin.showEntryCode(token);
                writeQr(code);
                return code;
            });
        }
    }

    // ------------------------------------------------------------------ gateway key, payments, notifications, audit

    @Command(name = "gateway-key", description = "The gateway's signing key.", subcommands = GatewayKeyShow.class)
    static final class GatewayKeyCommands {
    }

    @Command(name = "show", description = "The gateway's public key and keyVersion, which merchants and wallets verify it with.")
    static final class GatewayKeyShow extends Leaf {
        @Override
        public Integer call() {
            return run(Admin::gatewayKey);
        }
    }

    @Command(name = "payment", description = "Payments.", subcommands = PaymentShow.class)
    static final class PaymentCommands {
    }

    @Command(name = "show", description = "A payment: status, its changes as recorded, refunds, notification and attempts.")
    static final class PaymentShow extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.showPayment(id);
        }
    }

    @Command(name = "notifications", description = "Merchant notifications.", subcommands = NotificationsUndelivered.class)
    static final class NotificationsCommands {
    }

    @Command(name = "undelivered", description = "Notifications every attempt failed for (dead-lettered), by client.")
    static final class NotificationsUndelivered extends Leaf {
        @Option(names = "--client-id", paramLabel = "ID") String clientId;

        @Override
        public Integer call() {
            return run(admin -> admin.undeliveredNotifications(clientId));
        }
    }

    @Command(name = "notification", description = "One merchant notification.", subcommands = NotificationResend.class)
    static final class NotificationCommands {
    }

    @Command(name = "resend", description = "Queues a notification (by its id or its payment's) to be sent again now, "
            + "with a fresh schedule; the sweeper sends it.")
    static final class NotificationResend extends ById {
        @Override
        Object apply(Admin admin, String id) {
            return admin.resendNotification(id);
        }
    }

    @Command(name = "audit", description = "The admin writes' audit trail.", subcommands = AuditList.class)
    static final class AuditCommands {
    }

    @Command(name = "list", description = "Audit entries, oldest first.")
    static final class AuditList extends Leaf {
        @Option(names = "--since", paramLabel = "WHEN",
                description = "An instant (2026-12-01T00:00:00Z) or a duration back from now (24h, 7d, 30m); default 7d.")
        String since = "7d";

        @Override
        public Integer call() {
            Instant from = since(since, root().clock.instant());
            return run(admin -> admin.auditSince(from));
        }
    }

    static Instant since(String text, Instant now) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // a duration back from now
        }
        if (text.matches("[0-9]{1,6}[dhm]")) {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            Duration back = switch (text.charAt(text.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            };
            return now.minus(back);
        }
        throw new AdminRefusal("--since " + text + " is neither an instant (2026-12-01T00:00:00Z) nor a duration (24h, 7d, 30m)");
    }

    static String readText(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new AdminRefusal("cannot read " + file);
        }
    }

    /** Readable text for an answer: one "name: value" a line, nested records indented, lists item by item. */
    static final class Text {
        private Text() {
        }

        static void print(PrintWriter out, Object value) {
            write(out, value, "");
        }

        @SuppressWarnings("unchecked")
        private static void write(PrintWriter out, Object value, String indent) {
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) new LinkedHashMap<>(map)).entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof Map<?, ?> || v instanceof List<?> list && !list.isEmpty() && !(list.get(0) instanceof String)) {
                        out.println(indent + e.getKey() + ":");
                        write(out, v, indent + "  ");
                    } else {
                        out.println(indent + e.getKey() + ": " + scalar(v));
                    }
                }
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.println(indent + "(none)");
                }
                for (Object item : list) {
                    if (item instanceof Map<?, ?>) {
                        out.println(indent + "-");
                        write(out, item, indent + "  ");
                    } else {
                        out.println(indent + "- " + scalar(item));
                    }
                }
            } else {
                out.println(indent + scalar(value));
            }
        }

        private static String scalar(Object v) {
            if (v instanceof List<?> list) {
                return list.isEmpty() ? "(none)" : String.join(", ", list.stream().map(String::valueOf).toList());
            }
            return String.valueOf(v);
        }
    }
}
