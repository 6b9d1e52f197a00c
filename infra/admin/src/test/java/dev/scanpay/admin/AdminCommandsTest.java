package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.AuditStore;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every admin command against DynamoDB Local through a local stack's data dir, as an operator runs them: what
 * each writes (read back through core's stores), its audit entry, its JSON, and the refusals, each of which
 * writes nothing.
 */
@Tag("integration")
class AdminCommandsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final EmbeddedDynamo DYNAMO = EmbeddedDynamo.shared();

    @TempDir
    Path dir;

    private final DynamoDbClient db = DYNAMO.client();
    private final String table = "admin-" + UUID.randomUUID();
    private final KeyPair acmeKeys = RsaKeys.generate();
    private AdminRun admin;
    private Path acmeKey;

    @BeforeEach
    void stack() {
        ScanpayTable.ensure(db, table);
        admin = new AdminRun(dir, DYNAMO.endpoint(), table, "http://127.0.0.1:9180", new Ticking());
        acmeKey = admin.publicKeyFile("acme", acmeKeys);
    }

    @org.junit.jupiter.api.AfterEach
    void everyCallWasWithinTheOperatorPolicy() {
        admin.assertWithinOperatorPolicy();
    }

    private List<AuditStore.Entry> audit() {
        return new AuditStore(db, table).since(Instant.EPOCH);
    }

    private void refused(AdminRun.Result result, String message) {
        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
    }

    // ------------------------------------------------------------------ clients

    @Test
    void addsAMerchantShowsItAsJsonAndAuditsIt() {
        AdminRun.Result added = admin.run("client", "add", "--client-id", "ACME_POS", "--public-key-file", acmeKey.toString(),
                "--notify-urls", "https://acme.example/notify", "--notify-url", "https://acme.example/notify/scanpay");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("clientId: ACME_POS", "status: LIVE");
        var stored = new ClientStore(db, table).get("ACME_POS").orElseThrow();
        assertThat(stored.publicKeys()).containsEntry("1", RsaKeys.encode(acmeKeys.getPublic()));
        assertThat(stored.notifyUrl()).isEqualTo("https://acme.example/notify/scanpay");

        Map<String, Object> shown = admin.run("--json", "client", "show", "ACME_POS").json();
        assertThat(shown).containsEntry("kind", "MERCHANT").containsEntry("notifyUrls", List.of("https://acme.example/notify"));
        assertThat(admin.run("client", "list", "--json").jsonList()).extracting(c -> c.get("clientId")).containsExactly("ACME_POS");

        List<AuditStore.Entry> trail = audit();
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.who()).isEqualTo("local:" + System.getProperty("user.name"));
            assertThat(e.command()).isEqualTo("client add");
            assertThat(e.subject()).isEqualTo("client ACME_POS");
            assertThat(e.before()).isNull();
            assertThat(e.after()).contains("\"clientId\":\"ACME_POS\"");
            assertThat(e.at()).isAfter(NOW);
        });
        List<Map<String, Object>> listed = admin.run("audit", "list", "--since", "1h", "--json").jsonList();
        assertThat(listed).singleElement().satisfies(e -> assertThat(e).containsEntry("command", "client add"));
    }

    @Test
    void refusesEachKindOfBadClientInputAndWritesNothing() throws Exception {
        Path garbage = dir.resolve("garbage.pub");
        Files.writeString(garbage, "not a key");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", garbage.toString()),
                "not a base64 X.509 RSA public key");
        refused(admin.run("client", "add", "--client-id", "AC#ME", "--public-key-file", acmeKey.toString()), "client id");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString(), "--key-version", "1 2"),
                "key version");
        refused(admin.run("client", "add", "--client-id", "ISV1", "--kind", "ISV", "--public-key-file", acmeKey.toString()),
                "an ISV acts only for the merchants it lists");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString(),
                "--notify-urls", "https://acme.example/notify?x=1"), "must have no user info, query");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString(),
                "--notify-urls", "https://10.0.0.8/notify"), "private or reserved range");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString(),
                "--notify-urls", "https://acme.example/notify", "--notify-url", "https://evil.example/notify"),
                "must be inside the client's notify URL prefixes");
        refused(admin.run("client", "add", "--legacy-partner", "2089100000000002", "--public-key-file", acmeKey.toString()),
                "not 16 digits starting 2088");
        refused(admin.run("client", "add", "--client-id", "ACME", "--public-key-file", dir.resolve("missing").toString()),
                "cannot read");

        assertThat(new ClientStore(db, table).registrations()).isEmpty();
        assertThat(audit()).isEmpty();
    }

    @Test
    void rotatesAClientsKeyWithOverlapAndNeverLeavesItKeyless() {
        admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString());
        KeyPair next = RsaKeys.generate();
        Path nextKey = admin.publicKeyFile("next", next);

        assertThat(admin.run("client", "update", "ACME", "--public-key-file", nextKey.toString(), "--key-version", "2").exit()).isZero();
        assertThat(new ClientStore(db, table).get("ACME").orElseThrow().publicKeys()).containsOnlyKeys("1", "2");
        assertThat(admin.run("client", "update", "ACME", "--retire-key-version", "1").exit()).isZero();
        assertThat(new ClientStore(db, table).get("ACME").orElseThrow().publicKeys()).containsOnlyKeys("2");

        refused(admin.run("client", "update", "ACME", "--retire-key-version", "2"), "leave no key");
        refused(admin.run("client", "update", "ACME", "--retire-key-version", "7"), "no key version 7");
        refused(admin.run("client", "update", "ACME", "--public-key-file", nextKey.toString()), "--key-version");
        assertThat(audit()).extracting(AuditStore.Entry::command).containsExactly("client add", "client update", "client update");
        assertThat(audit().get(2).before()).contains("\"1\"");
    }

    @Test
    void anIsvActsForTheMerchantsItLists() {
        AdminRun.Result added = admin.run("client", "add", "--client-id", "ISV1", "--kind", "ISV", "--merchant-ids", "M1,M2",
                "--public-key-file", acmeKey.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        admin.run("client", "update", "ISV1", "--merchant-ids", "M3");

        assertThat(new ClientStore(db, table).get("ISV1").orElseThrow().merchantIds()).containsExactly("M3");
    }

    @Test
    void aLegacyPartnersMd5KeyGoesToTheKeysFileAndIsNeverPrintedOrAudited() throws Exception {
        Path md5File = dir.resolve("partner.md5");

        AdminRun.Result added = admin.run("client", "add", "--legacy-partner", "2088100000000002",
                "--public-key-file", acmeKey.toString(), "--md5-key-file", md5File.toString());
        AdminRun.Result json = admin.run("client", "show", "2088100000000002", "--json");

        assertThat(added.exit()).as(added.err()).isZero();
        String key = Files.readString(md5File);
        assertThat(key).hasSize(32);
        assertThat(Files.getPosixFilePermissions(md5File)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("legacy-md5-keys.json"))).contains("\"2088100000000002\":\"" + key + "\"");
        assertThat(json.json()).containsEntry("legacyPartner", "2088100000000002").containsEntry("legacyMd5Key", "set");
        assertThat(added.out() + added.err() + json.out()).doesNotContain(key);
        assertThat(added.err()).contains("restart it");

        Files.writeString(md5File, "a-new-shared-key-0123");
        AdminRun.Result updated = admin.run("client", "update", "2088100000000002", "--md5-key-file", md5File.toString());
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(Files.readString(dir.resolve("legacy-md5-keys.json"))).contains("a-new-shared-key-0123");
        assertThat(audit()).hasSize(2).allSatisfy(e -> assertThat(e.before() + e.after()).doesNotContain(key, "a-new-shared-key"));

        refused(admin.run("client", "update", "2088100000000002", "--md5-key-file", acmeKey.toString()), "printable ASCII");
        admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString());
        refused(admin.run("client", "update", "ACME", "--md5-key-file", md5File.toString()), "not a legacy partner");
    }

    @Test
    void aDisabledClientIsGoneForTheGatewayUntilEnabled() {
        admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString());

        AdminRun.Result disabled = admin.run("client", "disable", "ACME", "--json");

        assertThat(disabled.json()).containsEntry("status", "DISABLED").containsKey("disabledAt");
        assertThat(new ClientStore(db, table).get("ACME")).isEmpty();
        refused(admin.run("client", "update", "ACME", "--name", "Acme"), "is disabled");
        assertThat(admin.run("client", "enable", "ACME").exit()).isZero();
        assertThat(new ClientStore(db, table).get("ACME")).isPresent();
        assertThat(audit()).extracting(AuditStore.Entry::command).containsExactly("client add", "client disable", "client enable");
        refused(admin.run("client", "show", "NOBODY"), "no client NOBODY");
    }

    // ------------------------------------------------------------------ wallets

    private AdminRun.Result addWallet(String id, String prefixes) {
        return admin.run("wallet", "add", "--wallet-id", id, "--endpoint", "http://127.0.0.1:9190/aps/api/v1",
                "--public-key-file", acmeKey.toString(), "--code-prefixes", prefixes,
                "--cashier-url", "http://127.0.0.1:9190/cashier", "--user-agent-marker", id);
    }

    @Test
    void addsUpdatesAndDisablesAWallet() {
        AdminRun.Result added = addWallet("GOWALLET", "2811,2812");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(new WalletStore(db, table).get("GOWALLET").orElseThrow().codePrefixes()).containsExactly("2811", "2812");

        Path next = admin.publicKeyFile("wallet2", RsaKeys.generate());
        assertThat(admin.run("wallet", "update", "GOWALLET", "--public-key-file", next.toString(), "--key-version", "2",
                "--cashier-url", "", "--user-agent-marker", "").exit()).isZero();
        var updated = new WalletStore(db, table).get("GOWALLET").orElseThrow();
        assertThat(updated.publicKeys()).containsOnlyKeys("1", "2");
        assertThat(updated.takesEntryCodes()).isFalse();

        assertThat(admin.run("wallet", "disable", "GOWALLET").exit()).isZero();
        assertThat(new WalletStore(db, table).all()).isEmpty();
        assertThat(admin.run("wallet", "list", "--json").jsonList()).singleElement()
                .satisfies(w -> assertThat(w).containsEntry("status", "DISABLED"));
        assertThat(audit()).extracting(AuditStore.Entry::command).containsExactly("wallet add", "wallet update", "wallet disable");
    }

    @Test
    void refusesOverlappingPrefixesAndBadWalletInputWritingNothing() {
        addWallet("GOWALLET", "2811");

        refused(addWallet("OTHER", "28"), "overlaps wallet GOWALLET's prefix 2811");
        refused(addWallet("OTHER", "281155"), "overlaps wallet GOWALLET's prefix 2811");
        refused(addWallet("OTHER", "28a1"), "is not 1 to 20 digits");
        refused(admin.run("wallet", "add", "--wallet-id", "OTHER", "--endpoint", "ftp://wallet.example/",
                "--public-key-file", acmeKey.toString(), "--code-prefixes", "29"), "--endpoint ftp://wallet.example/ must be an http");
        refused(admin.run("wallet", "add", "--wallet-id", "OTHER", "--endpoint", "http://169.254.169.254/",
                "--public-key-file", acmeKey.toString(), "--code-prefixes", "29"), "private or reserved range");
        refused(admin.run("wallet", "add", "--wallet-id", "OTHER", "--endpoint", "http://127.0.0.1:9190/aps",
                "--public-key-file", acmeKey.toString(), "--code-prefixes", "29", "--cashier-url", "http://127.0.0.1:9190/c"),
                "both --cashier-url and --user-agent-marker");
        refused(admin.run("wallet", "update", "GOWALLET", "--code-prefixes", "28-11"), "not 1 to 20 digits");

        assertThat(new WalletStore(db, table).registrations()).extracting(r -> r.wallet().walletId()).containsExactly("GOWALLET");
        assertThat(new WalletStore(db, table).get("GOWALLET").orElseThrow().codePrefixes()).containsExactly("2811");
        assertThat(audit()).hasSize(1);
    }

    // ------------------------------------------------------------------ entry codes, gateway key

    @Test
    void addsAStoresEntryCodeWritesItsQrAndKeepsTheCodeOnARepeat() throws Exception {
        admin.run("client", "add", "--client-id", "ACME", "--public-key-file", acmeKey.toString());
        Path png = dir.resolve("store.png");
        Path svg = dir.resolve("store.svg");
        String[] add = {"entry-code", "add", "--client-id", "ACME", "--merchant-id", "M1", "--merchant-name", "Acme Coffee",
                "--merchant-mcc", "5814", "--store-id", "S1", "--store-name", "Acme Pier 3", "--store-mcc", "5814",
                "--currency", "JPY", "--png", png.toString(), "--svg", svg.toString(), "--json"};

        AdminRun.Result first = admin.run(add);

        assertThat(first.exit()).as(first.err()).isZero();
        Map<String, Object> code = first.json();
        assertThat((String) code.get("codeValue")).startsWith("http://127.0.0.1:9180/c/");
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(svg)).contains("<svg");
        assertThat(admin.run(add).json()).containsEntry("token", code.get("token"));
        assertThat(admin.run("entry-code", "list", "--client-id", "ACME", "--json").jsonList()).hasSize(1);
        assertThat(admin.run("entry-code", "show", (String) code.get("token"), "--json").json())
                .containsEntry("storeName", "Acme Pier 3").containsEntry("currency", "JPY");
        assertThat(audit()).extracting(AuditStore.Entry::command).containsExactly("client add", "entry-code add");

        refused(admin.run("entry-code", "add", "--client-id", "ACME", "--merchant-id", "M1", "--merchant-name", "Acme",
                "--merchant-mcc", "5814", "--store-id", "S2", "--store-name", "Acme 2", "--store-mcc", "5814",
                "--currency", "XXX"), "currency");
        refused(admin.run("entry-code", "add", "--client-id", "ACME", "--merchant-id", "M1", "--merchant-name", "Acme",
                "--merchant-mcc", "5814", "--store-id", "S2", "--store-name", "Acme 2", "--store-mcc", "5814",
                "--currency", "usd1"), "PARAM_ILLEGAL");
        refused(admin.run("entry-code", "add", "--client-id", "NOBODY", "--merchant-id", "M1", "--merchant-name", "Acme",
                "--merchant-mcc", "5814", "--store-id", "S2", "--store-name", "Acme 2", "--store-mcc", "5814",
                "--currency", "USD"), "no live client NOBODY");
        assertThat(admin.run("entry-code", "list", "--json").jsonList()).hasSize(1);
    }

    @Test
    void showsTheGatewaysPublicKey() {
        Map<String, Object> key = admin.run("gateway-key", "show", "--json").json();

        assertThat(key).containsEntry("publicKey", RsaKeys.encode(admin.gatewayKeys.getPublic())).containsEntry("keyVersion", "1");
    }

    /** Time as an operator's commands see it: a second later at each look, so the audit's order is the commands'. */
    static final class Ticking extends Clock {
        private Instant now = NOW;

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
