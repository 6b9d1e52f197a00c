package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.testkit.FunctionClasspath;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A stranger submitting a store's public amount page with fresh form ids, through the real codes handler over
 * DynamoDB Local: the store holds at most its cap of open payments (3 items each), further submits are a busy
 * page that writes nothing, and at expiry the payments no wallet took close without telling the merchant.
 */
@Tag("e2e")
class EntryFloodTest {

    private static final int CAP = 20;
    private static final int FLOOD = 1000;

    private CodesHarness harness;
    private EntryCode code;

    @BeforeEach
    void start() {
        harness = new CodesHarness();
        harness.simWallet();
        // the store's client, whose registered prefixes admit the code's notify URL
        new dev.scanpay.core.store.ClientStore(harness.dynamoClient, harness.table).put(new dev.scanpay.core.model.client.Client(
                "MERCHANT_QR", "Ramen Ichiban KK", dev.scanpay.core.model.client.ClientKind.MERCHANT,
                Map.of("1", dev.scanpay.core.signing.RsaKeys.encode(dev.scanpay.core.signing.RsaKeys.generate().getPublic())),
                java.util.Set.of(), null, dev.scanpay.core.model.client.NotifyUrlPrefixes.of(List.of("https://merchant.example/")),
                harness.clock.instant()));
        EntryCode fresh = new EntryCode(CodeTokens.next(), "MERCHANT_QR", "M-1", "Ramen Ichiban KK", "5812", "Ramen Ichiban",
                "S-FLOOD", "Shibuya", "5812", "Shibuya", Currency.getInstance("JPY"), "https://merchant.example/notify",
                harness.clock.instant());
        code = harness.entryCodes.register(fresh, new CodeUrls(CodesHarness.PUBLIC_URL).codeValue(fresh.token()));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private CodesHarness.Response submit(String acceptLanguage) {
        return harness.post("/c/" + code.token(), Map.of("amount", "1200", "formId", UUID.randomUUID().toString().replace("-", "")),
                CodesHarness.WALLET_BROWSER, acceptLanguage);
    }

    private int items() {
        return harness.dynamoClient.scan(b -> b.tableName(harness.table).select(Select.COUNT)).count();
    }

    private List<Map<String, AttributeValue>> itemsStartingWith(String prefix) {
        return harness.dynamoClient.scan(b -> b.tableName(harness.table)).items().stream()
                .filter(i -> i.get("pk").s().startsWith(prefix)).toList();
    }

    @Test
    void aFloodOfSubmitsWritesAtMostTheCapAndClosesSilently() {
        int before = items();
        int accepted = 0;
        int busy = 0;
        for (int i = 0; i < FLOOD; i++) {
            CodesHarness.Response response = submit(i % 2 == 0 ? "en" : "zh-CN");
            if (response.status() == 303) {
                accepted++;
                continue;
            }
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("30");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.text()).contains(i % 2 == 0 ? "The store is busy" : "商家繁忙").doesNotContain("<form");
            busy++;
        }
        int written = items() - before;
        System.out.printf("Flood of %d entry-code submits with fresh form ids: %d accepted, %d busy, %d items written%n",
                FLOOD, accepted, busy, written);
        assertThat(accepted).isEqualTo(CAP);
        assertThat(busy).isEqualTo(FLOOD - CAP);
        assertThat(written).as("payment, request key and code per accepted submit, nothing for the rest").isEqualTo(CAP * 3);
        PaymentStore payments = harness.payments;
        String slot = EntryCodeStore.slotOf(code);
        assertThat(payments.openPaymentsOf(slot)).isEqualTo(CAP);

        // past the payments' expiry: the sweeper closes each with the write that gives its place back
        harness.clock.advance(Duration.ofMinutes(6));
        try (ApplicationContext sweeper = sweeperContext()) {
            sweeper.getBean(Sweeper.class).sweepOnce(100);
        }

        List<Payment> closed = itemsStartingWith("PAY#").stream().map(i -> payments.get(i.get("paymentId").s()).orElseThrow()).toList();
        assertThat(closed).hasSize(CAP).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.CANCELLED);
            assertThat(p.closedBy()).isEqualTo(ClosedBy.TIMEOUT);
            assertThat(p.nextCheckAt()).isNull();
        });
        assertThat(itemsStartingWith("NTF#")).as("no wallet took them: the merchant hears nothing").isEmpty();
        assertThat(payments.openPaymentsOf(slot)).isZero();
        assertThat(submit("en").status()).as("room again").isEqualTo(303);
    }

    @Test
    void aWalletTakenEntryPaymentIsStillNotifiedWhenItCloses() {
        submit("en");
        Payment created = payments().get(0);
        Payment taken = created.toBuilder().status(PaymentStatus.PROCESSING).build();
        Payment closed = dev.scanpay.core.rules.PaymentMachine.cancel(taken, ClosedBy.TIMEOUT, harness.clock.instant()).next();
        MerchantNotices notices = harness.context.getBean(MerchantNotices.class);

        assertThat(notices.owed(taken, closed)).as("taken by a wallet: notified as before").isPresent();
        assertThat(notices.owed(created, dev.scanpay.core.rules.PaymentMachine.cancel(created, ClosedBy.TIMEOUT,
                harness.clock.instant()).next())).as("never taken: silent").isEmpty();
    }

    @Test
    void racingSubmitsNeverHoldMoreThanTheCap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                statuses.add(pool.submit(() -> submit("en").status()));
            }
            int accepted = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get();
                assertThat(s).isIn(303, 503);
                accepted += s == 303 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(CAP);
            assertThat(payments()).hasSize(CAP);
            assertThat(harness.payments.openPaymentsOf(EntryCodeStore.slotOf(code))).isEqualTo(CAP);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The status sweeper as its own function builds it (the codes function has no key and no sweeper), over the
     * same table, clock and recording client: its calls are checked against the sweeper's policy.
     */
    private ApplicationContext sweeperContext() {
        return ApplicationContext.builder().classLoader(FunctionClasspath.of("status-sweeper"))
                .properties(harness.properties(EmbeddedDynamo.shared().endpoint()))
                .properties(Map.of("scanpay.gateway.client-id", "SCANPAY",
                        "scanpay.gateway.key.private-key", RsaKeys.encode(RsaKeys.generate().getPrivate()),
                        "scanpay.gateway.key.key-version", "1"))
                .singletons(harness.clock, harness.dynamoCalls.client())
                .start();
    }

    private List<Payment> payments() {
        return itemsStartingWith("PAY#").stream().map(i -> harness.payments.get(i.get("paymentId").s()).orElseThrow()).toList();
    }
}
