package dev.scanpay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.testing.DynamoTables;
import dev.scanpay.core.testing.TestKeys;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** ClientStore and WalletStore against DynamoDB Local running in this JVM; a table per test. */
@Tag("integration")
class ClientAndWalletStoreDynamoTest {

    private static DynamoDbClient client;

    private static final Instant REGISTERED = Instant.parse("2026-11-23T02:00:00.123Z");
    private static final String OTHER_KEY = RsaKeys.encode(RsaKeys.generate().getPublic());

    private String tableName;
    private ClientStore clients;
    private WalletStore wallets;
    private PaymentStore payments;

    @BeforeAll
    static void startDynamo() {
        client = EmbeddedDynamo.shared().client();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void freshTable() {
        String table = DynamoTables.fresh(client);
        tableName = table;
        clients = new ClientStore(client, table);
        wallets = new WalletStore(client, table);
        payments = new PaymentStore(client, table);
    }

    // --- clients ---

    @Test
    void anIsvWithTwoKeyVersionsAndTwoMerchantsRoundTrips() {
        Client isv = new Client("SANDBOX_5YEXAMPLE0000124", "Example POS ISV", ClientKind.ISV,
                Map.of("1", TestKeys.PUBLIC_X509_BASE64, "2", OTHER_KEY),
                Set.of("seller231117459", "seller231117460"),
                "https://isv.example/alipay/notify",
                NotifyUrlPrefixes.of(List.of("https://isv.example/alipay/", "https://backup.isv.example:8443/hooks")), REGISTERED);

        clients.put(isv);

        assertThat(clients.get(isv.clientId())).contains(isv);
    }

    @Test
    void aClientStoredBeforePrefixesExistedMayStillUseItsDefaultUrlAndNothingElse() {
        clients.put(new Client("OLD", "Cafe", ClientKind.MERCHANT, Map.of("1", TestKeys.PUBLIC_X509_BASE64), Set.of(),
                "https://cafe.example/notify", NotifyUrlPrefixes.of(List.of("https://cafe.example/notify")), REGISTERED));
        client.updateItem(b -> b.tableName(tableName).key(Map.of(ScanpayTable.PK, Attrs.s("CLIENT#OLD"), ScanpayTable.SK, Attrs.s("CLIENT")))
                .updateExpression("REMOVE notifyUrlPrefixes"));

        NotifyUrlPrefixes read = clients.get("OLD").orElseThrow().notifyUrlPrefixes();

        assertThat(read.admits("https://cafe.example/notify")).isTrue();
        assertThat(read.admits("https://cafe.example/notify/other")).isTrue();
        assertThat(read.admits("https://cafe.example/admin")).isFalse();
    }

    @Test
    void aMerchantWithoutMerchantIdsOrNotifyUrlRoundTrips() {
        Client merchant = new Client("SANDBOX_MERCHANT", "Cafe", ClientKind.MERCHANT,
                Map.of("1", TestKeys.PUBLIC_X509_BASE64), Set.of(), null, REGISTERED);

        clients.put(merchant);

        Client read = clients.get("SANDBOX_MERCHANT").orElseThrow();
        assertThat(read).isEqualTo(merchant);
        assertThat(read.mayActFor("anyone")).isTrue();
    }

    @Test
    void registeringAgainReplacesTheKeysWhichIsHowKeysRotate() {
        clients.put(new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of("1", TestKeys.PUBLIC_X509_BASE64),
                Set.of("m1"), null, REGISTERED));
        Client rotated = new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of("2", OTHER_KEY), Set.of("m1"), null, REGISTERED);

        clients.put(rotated);

        assertThat(clients.get("C1")).contains(rotated);
        assertThat(clients.get("C1").orElseThrow().publicKeys()).containsOnlyKeys("2");
    }

    @Test
    void anUnknownClientIsEmpty() {
        assertThat(clients.get("NOBODY")).isEmpty();
    }

    // --- wallets ---

    static Wallet alipay() {
        return new Wallet("alipaycn-sim", "ALIPAYCN", "http://127.0.0.1:9001/aps/api/v1",
                TestKeys.PUBLIC_X509_BASE64, "1", List.of("28", "281006"));
    }

    static Wallet gcash() {
        return new Wallet("gcash-sim", "GCASH", "http://127.0.0.1:9002/aps/api/v1", OTHER_KEY, "0", List.of("2900"));
    }

    @Test
    void putThenAllReturnsEveryWallet() {
        wallets.put(alipay());
        wallets.put(gcash());

        assertThat(wallets.all()).containsExactlyInAnyOrder(alipay(), gcash());
    }

    @Test
    void codePrefixesKeepTheirOrder() {
        Wallet w = new Wallet("w", "PSP", "http://w", OTHER_KEY, "1", List.of("9", "1", "55"));
        wallets.put(w);
        assertThat(wallets.all().get(0).codePrefixes()).containsExactly("9", "1", "55");
    }

    @Test
    void puttingAWalletAgainReplacesIt() {
        wallets.put(alipay());
        Wallet moved = new Wallet("alipaycn-sim", "ALIPAYCN", "https://wallet.example/aps/api/v1",
                OTHER_KEY, "2", List.of("28"));
        wallets.put(moved);

        assertThat(wallets.all()).containsExactly(moved);
    }

    @Test
    void noWalletsIsAnEmptyList() {
        assertThat(wallets.all()).isEmpty();
    }

    @Test
    void clientsWalletsAndPaymentsShareTheTableWithoutSeeingEachOther() {
        wallets.put(alipay());
        clients.put(new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of("1", OTHER_KEY), Set.of(), null, REGISTERED));

        assertThat(wallets.all()).containsExactly(alipay());
        assertThat(payments.due(Instant.parse("2100-01-01T00:00:00Z"), 100)).isEmpty();
    }

    // --- disabling, listing, the audit trail (the admin tool's writes) ---

    @Test
    void aDisabledClientIsNoLongerFoundByTheFunctionsButStaysListedForTheOperator() {
        Client cafe = new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of("1", TestKeys.PUBLIC_X509_BASE64), Set.of(),
                null, REGISTERED);
        clients.put(cafe);
        clients.put(new Client("C2", "Bar", ClientKind.MERCHANT, Map.of("1", OTHER_KEY), Set.of(), null, REGISTERED));

        assertThat(clients.replace(clients.registration("C1").orElseThrow(), cafe, REGISTERED.plusSeconds(60))).isTrue();

        assertThat(clients.get("C1")).isEmpty();
        assertThat(clients.registration("C1")).contains(new ClientStore.Registration(cafe, REGISTERED.plusSeconds(60), 1));
        assertThat(clients.registrations()).extracting(r -> r.client().clientId(), ClientStore.Registration::disabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C1", true), org.assertj.core.groups.Tuple.tuple("C2", false));
        clients.put(cafe);
        assertThat(clients.get("C1")).contains(cafe);
    }

    @Test
    void aDisabledWalletIsNeitherRoutedToNorFound() {
        wallets.put(alipay());

        assertThat(wallets.replace(wallets.registration(alipay().walletId()).orElseThrow(), alipay(), REGISTERED)).isTrue();

        assertThat(wallets.all()).isEmpty();
        assertThat(wallets.get(alipay().walletId())).isEmpty();
        assertThat(wallets.registrations()).containsExactly(new WalletStore.Registration(alipay(), REGISTERED, 1));
    }

    @Test
    void anOperatorsChangeFromAStaleReadWritesNothing() {
        Client cafe = new Client("C3", "Cafe", ClientKind.MERCHANT, Map.of("1", TestKeys.PUBLIC_X509_BASE64), Set.of(),
                null, REGISTERED);
        assertThat(clients.add(cafe)).isTrue();
        assertThat(clients.add(cafe)).as("the id is taken").isFalse();
        ClientStore.Registration first = clients.registration("C3").orElseThrow();
        ClientStore.Registration second = clients.registration("C3").orElseThrow();
        Client rotated = new Client("C3", "Cafe", ClientKind.MERCHANT, Map.of("2", OTHER_KEY), Set.of(), null, REGISTERED);
        Client renamed = new Client("C3", "Cafe Two", ClientKind.MERCHANT, Map.of("1", TestKeys.PUBLIC_X509_BASE64), Set.of(),
                null, REGISTERED);

        assertThat(clients.replace(first, rotated, null)).isTrue();
        assertThat(clients.replace(second, renamed, null)).as("read before the rotation landed").isFalse();

        assertThat(clients.registration("C3")).contains(new ClientStore.Registration(rotated, null, 2));
        assertThat(clients.replace(clients.registration("C3").orElseThrow(), renamed, null)).isTrue();

        assertThat(wallets.add(alipay())).isTrue();
        assertThat(wallets.add(alipay())).isFalse();
        WalletStore.Registration stale = wallets.registration(alipay().walletId()).orElseThrow();
        assertThat(wallets.replace(stale, alipay(), REGISTERED)).isTrue();
        assertThat(wallets.replace(stale, alipay(), null)).isFalse();
        assertThat(wallets.registration(alipay().walletId()).orElseThrow().disabled()).isTrue();
    }

    @Test
    void theAuditTrailIsReadBackInOrderSinceAMoment() {
        AuditStore audit = new AuditStore(client, tableName);
        audit.append(REGISTERED, "alice", "client add", "client C1", null, "{\"clientId\":\"C1\"}");
        AuditStore.Entry second = audit.append(REGISTERED.plusSeconds(5), "bob", "client disable", "client C1", "{}", "{}");
        audit.append(REGISTERED.plusSeconds(5), "bob", "wallet add", "wallet W", null, "{}");

        assertThat(audit.since(Instant.EPOCH)).extracting(AuditStore.Entry::who).containsExactly("alice", "bob", "bob");
        assertThat(audit.since(REGISTERED.plusSeconds(1))).hasSize(2).contains(second);
    }
}
