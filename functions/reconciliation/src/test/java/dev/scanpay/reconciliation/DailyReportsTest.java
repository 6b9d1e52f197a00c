package dev.scanpay.reconciliation;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.model.ledger.BusinessDay;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.service.reconcile.BreakType;
import dev.scanpay.core.store.LedgerStore;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.SettlementRecord;
import dev.scanpay.testing.TestLambdaContext;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily reports through the real Lambda handler fed EventBridge events, over a day of payments, cancels and
 * refunds made through the merchant API against the wallet simulator (signed, over loopback HTTP): the files'
 * sums equal the ledger's and what the simulator says it charged; an empty day gets every file; a rerun writes the
 * same bytes; each break injected into the simulator's file is found exactly once.
 */
@Tag("e2e")
class DailyReportsTest {

    /** The harness clock starts 2026-11-23T02:00:00Z: 10:00 on 2026-11-23 in UTC+8. */
    static final LocalDate D = LocalDate.parse("2026-11-23");
    static final String CLIENT = "MERCHANT_RECON";
    static final int FLOWS = Integer.getInteger("scanpay.recon.flows", 1000);

    @TempDir
    Path reports;

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private ReconciliationHandler handler;

    @BeforeEach
    void start() {
        Map<String, Object> settings = new HashMap<>(GatewayHarness.LOCAL_OUTBOUND);
        settings.put("scanpay.reports.dir", reports.toString());
        gateway = new GatewayHarness(settings);
        merchant = gateway.merchant(CLIENT);
        handler = new ReconciliationHandler(gateway.context);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ReconciliationHandler.Report run(LocalDate day) {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetail(Map.of("date", day.toString()));
        return handler.execute(event);
    }

    private Path clientFile(LocalDate day, String name) {
        return reports.resolve("reports").resolve(CLIENT).resolve(day.toString()).resolve(name);
    }

    private Path walletFile(LocalDate day, String name) {
        return reports.resolve("wallets").resolve(gateway.wallet.walletId()).resolve(day.toString()).resolve(name);
    }

    /** The rows of a report file, checking it ends with {@code <END>}. */
    private static List<CSVRecord> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("<END>");
        try (Reader reader = Files.newBufferedReader(file)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
            return records.subList(0, records.size() - 1);
        }
    }

    private String pay(String customer, String requestId, String currency, long minor) {
        Answer answer = merchant.call("pay", userPresented(requestId, currency, minor, gateway.wallet.issuePaymentCode(customer)));
        return "SUCCESS".equals(answer.resultCode()) ? answer.get("paymentId") : null;
    }

    private Answer refund(String refundRequestId, String paymentId, String currency, long minor) {
        return merchant.call("refund", Map.of("refundRequestId", refundRequestId, "paymentId", paymentId,
                "refundAmount", Map.of("currency", currency, "value", Long.toString(minor))));
    }

    /** Signed net per currency of the ledger's day for the client. */
    private Map<String, Long> ledgerNet(LocalDate day) {
        Map<String, Long> net = new HashMap<>();
        new LedgerStore(gateway.dynamoClient, gateway.table).forEachOfClient(CLIENT, day,
                e -> net.merge(e.amount().currencyCode(), e.signedMinor(), Long::sum));
        return net;
    }

    /** Signed net per currency of what the simulator's own settlement file says for the day. */
    private Map<String, Long> walletNet(LocalDate day) {
        Map<String, Long> net = new HashMap<>();
        for (SettlementRecord r : gateway.wallet.settlementRecords(BusinessDay.ALIPAY.start(day), BusinessDay.ALIPAY.end(day))) {
            net.merge(r.currency(), "PAYMENT".equals(r.transactionType()) ? r.minor() : -r.minor(), Long::sum);
        }
        return net;
    }

    @Test
    void aMixedDayAddsUpEverywhereHasNoBreaksAndARerunWritesTheSameBytes() throws IOException {
        Random random = new Random(20261123);
        String[] currencies = {"USD", "JPY", "KWD"};
        gateway.wallet.configureCustomer("decliner", CustomerSettings.builder().behaviour(Behaviour.DECLINE).build());
        int refunds = 0;
        int cancels = 0;
        for (int i = 0; i < FLOWS; i++) {
            String currency = currencies[random.nextInt(currencies.length)];
            long minor = 100 + random.nextInt(4900);
            int kind = random.nextInt(10);
            String customer = kind == 9 ? "decliner" : "c" + (i % 50);
            String paymentId = pay(customer, "MIX-" + i, currency, minor);
            if (paymentId == null) {
                continue;
            }
            if (kind == 0) {
                merchant.call("cancel", Map.of("paymentRequestId", "MIX-" + i));
                cancels++;
            } else if (kind <= 2) {
                refund("MIX-" + i + "-R1", paymentId, currency, minor / 3);
                refunds++;
                if (kind == 2) {
                    refund("MIX-" + i + "-R2", paymentId, currency, minor - minor / 3);
                    refunds++;
                }
            }
            if (i % 100 == 0) {
                gateway.clock.advance(Duration.ofSeconds(30));
                gateway.sweep();
            }
        }
        gateway.clock.advance(Duration.ofMinutes(5));
        gateway.sweep();

        ReconciliationHandler.Report report = run(D);

        assertThat(report.breaks()).as("breaks: %s", report.breaksByType()).isZero();
        assertThat(rows(walletFile(D, "breaks.csv"))).isEmpty();
        List<CSVRecord> transactions = rows(clientFile(D, "transactions.csv"));
        assertThat(transactions.stream().filter(r -> r.get("transactionType").equals("CANCEL")).count()).isEqualTo(cancels);
        assertThat(transactions.stream().filter(r -> r.get("transactionType").equals("REFUND")).count()).isEqualTo(refunds);
        Map<String, Long> fileNet = new HashMap<>();
        for (CSVRecord r : transactions) {
            long minor = Long.parseLong(r.get("transactionAmountValue"));
            fileNet.merge(r.get("transactionCurrency"), r.get("transactionType").equals("PAYMENT") ? minor : -minor, Long::sum);
        }
        Map<String, Long> summaryNet = new HashMap<>();
        for (CSVRecord r : rows(clientFile(D, "summary.csv"))) {
            if (r.get("summaryType").equals("NET")) {
                summaryNet.put(r.get("transactionCurrency"), Long.parseLong(r.get("transactionAmountValue")));
            }
        }
        assertThat(fileNet).hasSize(3).isEqualTo(ledgerNet(D)).isEqualTo(summaryNet).isEqualTo(walletNet(D));
        assertThat(rows(walletFile(D, "clearing.csv"))).hasSameSizeAs(transactions);

        byte[][] first = {Files.readAllBytes(clientFile(D, "transactions.csv")), Files.readAllBytes(clientFile(D, "summary.csv")),
                Files.readAllBytes(walletFile(D, "clearing.csv")), Files.readAllBytes(walletFile(D, "breaks.csv"))};
        gateway.clock.advance(Duration.ofDays(2));
        run(D);
        assertThat(Files.readAllBytes(clientFile(D, "transactions.csv"))).isEqualTo(first[0]);
        assertThat(Files.readAllBytes(clientFile(D, "summary.csv"))).isEqualTo(first[1]);
        assertThat(Files.readAllBytes(walletFile(D, "clearing.csv"))).isEqualTo(first[2]);
        assertThat(Files.readAllBytes(walletFile(D, "breaks.csv"))).isEqualTo(first[3]);
        // a clean day still reports every break type, at zero, so the alarms and the dashboard see a run
        assertThat(gateway.metrics.of(Metrics.Name.BREAKS_FOUND)).hasSize(2 * BreakType.values().length)
                .allSatisfy(m -> assertThat(m.value()).isZero());
    }

    @Test
    void aRunThroughTheLambdaHandlerIsOneJsonSummaryLineOfItsInvocation() {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetail(Map.of("date", D.minusDays(6).toString()));
        TestLambdaContext invocation = new TestLambdaContext();

        JsonLogLines logs = JsonLogLines.during(() -> handler.handleRequest(event, invocation));

        assertThat(logs.summaries()).singleElement().satisfies(summary -> {
            assertThat(summary.path("route").asText()).isEqualTo("reconcile");
            assertThat(summary.path("requestId").asText()).as("the Lambda invocation").isEqualTo(invocation.getAwsRequestId());
            assertThat(summary.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(summary.path("day").asText()).isEqualTo(D.minusDays(6).toString());
            assertThat(summary.path("files").asInt()).isEqualTo(4);
            assertThat(summary.path("breaks").asInt()).isZero();
            assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(summary.path("function").asText()).isNotBlank();
        });
    }

    @Test
    void anEmptyDayGetsEveryFileWithItsHeaderAndEnd() throws IOException {
        ReconciliationHandler.Report report = run(D.minusDays(5));

        assertThat(report.files()).isEqualTo(4);
        for (Path file : List.of(clientFile(D.minusDays(5), "transactions.csv"), clientFile(D.minusDays(5), "summary.csv"),
                walletFile(D.minusDays(5), "clearing.csv"), walletFile(D.minusDays(5), "breaks.csv"))) {
            assertThat(Files.readAllLines(file)).hasSize(2).last().isEqualTo("<END>");
        }
        assertThat(Files.readAllLines(clientFile(D.minusDays(5), "transactions.csv")).get(0))
                .startsWith("customerId,referenceMerchantId,referenceStoreId,transactionId,originalTransactionId,transactionRequestId");
    }

    @Test
    void theScheduleRunsTheBusinessDayBeforeAndARefundOnTheNextDayIsThatDays() throws IOException {
        String paid = pay("alice", "NEXT-1", "JPY", 5000);
        gateway.clock.advance(Duration.ofDays(1));
        assertThat(refund("NEXT-1-R", paid, "JPY", 2000).resultCode()).isEqualTo("SUCCESS");

        ScheduledEvent event = new ScheduledEvent();
        event.setTime(new DateTime(gateway.now().plus(Duration.ofDays(1)).toEpochMilli()));   // 10:00 UTC+8 on D+2
        ReconciliationHandler.Report scheduled = handler.execute(event);
        run(D);

        assertThat(scheduled.day()).isEqualTo(D.plusDays(1).toString());
        assertThat(rows(clientFile(D, "transactions.csv"))).singleElement()
                .satisfies(r -> assertThat(r.get("transactionType")).isEqualTo("PAYMENT"));
        assertThat(rows(clientFile(D.plusDays(1), "transactions.csv"))).singleElement().satisfies(r -> {
            assertThat(r.get("transactionType")).isEqualTo("REFUND");
            assertThat(r.get("transactionRequestId")).isEqualTo("NEXT-1-R");
            assertThat(r.get("originalTransactionId")).isEqualTo(paid);
            assertThat(r.get("originalTransactionRequestId")).isEqualTo("NEXT-1");
            assertThat(r.get("transactionAmountValue")).isEqualTo("2000");
        });
        assertThat(scheduled.breaks()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMerchantGetsLinksToItsOwnFilesOnlyThroughTheSignedInquiry() throws IOException {
        SignedMerchant other = gateway.merchant("MERCHANT_OTHER");
        pay("alice", "MINE-1", "USD", 1234);
        run(D);

        Answer mine = merchant.post("/ams/api/v1/reports/inquiry", Map.of("reportDate", D.toString()));
        Answer theirs = other.post("/ams/api/v1/reports/inquiry", Map.of("reportDate", D.toString()));
        Answer notYet = merchant.post("/ams/api/v1/reports/inquiry", Map.of("reportDate", D.plusDays(3).toString()));
        Answer malformed = merchant.postMalformed("/ams/api/v1/reports/inquiry", Map.of("reportDate", "23/11/2026"));

        assertThat(mine.resultCode()).isEqualTo("SUCCESS");
        List<Map<String, Object>> files = (List<Map<String, Object>>) mine.json().get("files");
        assertThat(files).extracting(f -> f.get("fileName")).containsExactly("transactions.csv", "summary.csv");
        Path linked = Path.of(java.net.URI.create((String) files.get(0).get("fileUrl")));
        assertThat(linked).isEqualTo(clientFile(D, "transactions.csv"));
        assertThat(Files.readString(linked)).contains("MINE-1");
        List<Map<String, Object>> otherFiles = (List<Map<String, Object>>) theirs.json().get("files");
        assertThat(otherFiles).hasSize(2).allSatisfy(f -> assertThat((String) f.get("fileUrl")).contains("/reports/MERCHANT_OTHER/")
                .doesNotContain(CLIENT));
        assertThat((List<?>) notYet.json().get("files")).isEmpty();
        assertThat(malformed.resultCode()).isEqualTo("PARAM_ILLEGAL");
    }

    @Test
    void eachBreakInjectedIntoTheWalletsFileIsFoundExactlyOnce() throws IOException {
        String dropped = pay("bob", "BRK-1", "USD", 1000);
        String altered = pay("bob", "BRK-2", "USD", 2000);
        String otherCurrency = pay("bob", "BRK-3", "KWD", 3000);
        String reversed = pay("bob", "BRK-4", "JPY", 4000);
        merchant.call("cancel", Map.of("paymentRequestId", "BRK-4"));
        gateway.clock.advance(Duration.ofSeconds(5));
        gateway.sweep();
        String refunded = pay("bob", "BRK-5", "USD", 5000);
        String refundId = refund("BRK-5-R", refunded, "USD", 500).get("refundId");
        String twice = pay("bob", "BRK-6", "USD", 6000);
        pay("bob", "BRK-7", "USD", 7000);   // untouched

        gateway.wallet.dropSettlementRecord("PAYMENT", dropped);
        gateway.wallet.alterSettlementRecord("PAYMENT", altered, 2001L, null);
        gateway.wallet.alterSettlementRecord("PAYMENT", otherCurrency, null, "USD");
        gateway.wallet.dropSettlementRecord("CANCEL", reversed);
        gateway.wallet.alterSettlementRecord("REFUND", refundId, 499L, null);
        SettlementRecord original = gateway.wallet.settlementRecords(BusinessDay.ALIPAY.start(D), BusinessDay.ALIPAY.end(D)).stream()
                .filter(r -> r.paymentRequestId().equals(twice)).findFirst().orElseThrow();
        gateway.wallet.addSettlementRecord(original);
        gateway.wallet.addSettlementRecord(new SettlementRecord("PAYMENT", "UNKNOWN-TO-THE-GATEWAY", null, "W-X", 800, "USD",
                gateway.now()));

        ReconciliationHandler.Report report = run(D);

        Map<String, String> found = new HashMap<>();
        List<String> types = new ArrayList<>();
        for (CSVRecord r : rows(walletFile(D, "breaks.csv"))) {
            types.add(r.get("breakType"));
            found.put(r.get("breakType"), r.get("transactionType") + " " + r.get("paymentRequestId") + " " + r.get("refundRequestId"));
        }
        assertThat(types).containsExactlyInAnyOrder("MISSING_AT_WALLET", "AMOUNT_MISMATCH", "CURRENCY_MISMATCH",
                "REVERSED_HERE_CAPTURED_THERE", "REFUND_MISMATCH", "DUPLICATE", "MISSING_AT_GATEWAY");
        assertThat(found).containsEntry("MISSING_AT_WALLET", "PAYMENT " + dropped + " ")
                .containsEntry("AMOUNT_MISMATCH", "PAYMENT " + altered + " ")
                .containsEntry("CURRENCY_MISMATCH", "PAYMENT " + otherCurrency + " ")
                .containsEntry("REVERSED_HERE_CAPTURED_THERE", "CANCEL " + reversed + " ")
                .containsEntry("REFUND_MISMATCH", "REFUND " + refunded + " " + refundId)
                .containsEntry("DUPLICATE", "PAYMENT " + twice + " ")
                .containsEntry("MISSING_AT_GATEWAY", "PAYMENT UNKNOWN-TO-THE-GATEWAY ");
        assertThat(report.breaks()).isEqualTo(7);
        assertThat(report.breaksByType()).allSatisfy((type, count) -> assertThat(count).as(type).isEqualTo(1L));
        // what the template's alarm per break type reads: one value per type for the wallet checked
        for (BreakType type : BreakType.values()) {
            assertThat(gateway.metrics.of(Metrics.Name.BREAKS_FOUND)).filteredOn(m -> type.name().equals(m.dimensions().get(Metrics.BREAK_TYPE)))
                    .as(type.name()).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(1.0));
        }
        assertThat(gateway.metrics.of(Metrics.Name.WALLET_RECORDS_UNREAD)).isEmpty();
    }

    @Test
    void aWalletWhoseRecordsCannotBeReadGetsItsClearingFileNoBreakReportAndIsCounted() throws IOException {
        pay("bob", "UNREAD-1", "USD", 1000);
        gateway.wallet.close();   // its settlement endpoint no longer answers

        ReconciliationHandler.Report report = run(D);

        assertThat(report.walletsUnchecked()).containsExactly(gateway.wallet.walletId());
        assertThat(rows(walletFile(D, "clearing.csv"))).hasSize(1);
        assertThat(walletFile(D, "breaks.csv")).doesNotExist();
        assertThat(gateway.metrics.sum(Metrics.Name.WALLET_RECORDS_UNREAD)).isEqualTo(1);
        assertThat(gateway.metrics.of(Metrics.Name.BREAKS_FOUND)).as("nothing was compared").isEmpty();
    }
}
