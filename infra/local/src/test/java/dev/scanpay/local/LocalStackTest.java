package dev.scanpay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the README tells a newcomer to do on the local stack, done on a real one in a temp dir. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class LocalStackTest {

    @TempDir
    static Path dir;
    private LocalStack.Running stack;
    /** Where the receiver of the notification test listens: the demo merchant's notify URL prefix. */
    private int receiverPort;

    @BeforeAll
    void start() throws Exception {
        receiverPort = freePort();
        stack = LocalStack.start(dir, freePort(), freePort(), null, java.util.List.of("http://127.0.0.1:" + receiverPort + "/"));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Args args(String... extra) {
        String[] all = new String[extra.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(extra, 0, all, 2, extra.length);
        return new Args(all, 0);
    }

    @Test
    void orderCodeScannedBySimulatorCustomerIsPaid() throws Exception {
        DemoMerchant merchant = DemoMerchant.from(args());
        Map<String, Object> answer = DemoOrderCode.create(merchant, "LOCAL-OC-" + UUID.randomUUID(), "880", "JPY");
        String codeValue = DemoOrderCode.codeValue(answer);
        assertThat(codeValue).startsWith(stack.gatewayUrl() + "/c/");

        assertThat(DemoScan.run(args("--code", codeValue))).as("scan ends in SUCCESS").isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoPartnerPaysAndQueriesOnGatewayDoOnTheSamePort() throws Exception {
        Map<String, Object> demo = new LocalFiles(dir).read(dir.resolve("demo-merchant.json"));
        Map<String, Object> legacy = (Map<String, Object>) demo.get("legacy");
        String partner = (String) legacy.get("partner");
        String md5Key = (String) legacy.get("md5Key");
        String code = stack.wallet().issuePaymentCode("legacy-" + UUID.randomUUID());
        String transId = "LOCAL-LEGACY-" + UUID.randomUUID();
        Map<String, String> pay = new java.util.TreeMap<>(Map.of("service", "alipay.acquire.overseas.spot.pay",
                "partner", partner, "_input_charset", "UTF-8", "partner_trans_id", transId, "trans_name", "Demo",
                "currency", "USD", "trans_amount", "1.23", "buyer_identity_code", code));
        Map<String, String> query = new java.util.TreeMap<>(Map.of("service", "alipay.acquire.overseas.query",
                "partner", partner, "_input_charset", "UTF-8", "partner_trans_id", transId));

        String paid = get(md5Signed(pay, md5Key));
        String queried = get(md5Signed(query, md5Key));

        assertThat(paid).contains("<is_success>T</is_success>").contains("<result_code>SUCCESS</result_code>");
        assertThat(queried).contains("<alipay_trans_status>TRADE_SUCCESS</alipay_trans_status>");
    }

    private static Map<String, String> md5Signed(Map<String, String> params, String md5Key) {
        Map<String, String> signed = new java.util.TreeMap<>(params);
        signed.put("sign", dev.scanpay.core.api.legacy.LegacySignature.md5Sign(
                dev.scanpay.core.api.legacy.LegacySignature.content(params), md5Key, java.nio.charset.StandardCharsets.UTF_8));
        signed.put("sign_type", "MD5");
        return signed;
    }

    private String get(Map<String, String> params) throws Exception {
        String query = params.entrySet().stream().map(e -> e.getKey() + "="
                + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.gatewayUrl() + "/gateway.do?" + query)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        return response.body();
    }

    @Test
    void legacyPayWithMd5PrintsBothAnswersVerified() throws Exception {
        assertLegacyPay("MD5", "signature verified (MD5 with the partner's MD5 key)");
    }

    @Test
    void legacyPayWithRsa2PrintsBothAnswersVerified() throws Exception {
        assertLegacyPay("RSA2", "signature verified (RSA2 with gatewayPublicKey)");
    }

    private void assertLegacyPay(String signType, String verifiedLine) throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int exit = LegacyPayment.run(args("--sign-type", signType, "--amount", "3.21", "--currency", "USD"),
                new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(exit).as(output).isZero();
        assertThat(output.lines().filter(l -> l.strip().equals(verifiedLine)).count()).as(output).isEqualTo(2);
        assertThat(output).contains("<result_code>SUCCESS</result_code>")
                .contains("<alipay_trans_status>TRADE_SUCCESS</alipay_trans_status>")
                .contains("<sign_type>" + signType + "</sign_type>")
                .doesNotContain("NOT verified");
    }

    @Test
    void aTamperedLegacyAnswerIsNotVerified() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        LegacyPayment.run(args("--sign-type", "MD5"), new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        String queried = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("<alipay_trans_status>")).findFirst().orElseThrow();
        // read again by the same code, once as it came and once with the amount changed
        LegacyPayment reader = LegacyPayment.of(args("--sign-type", "MD5"));
        assertThat(reader.read(queried.getBytes(java.nio.charset.StandardCharsets.UTF_8)).verified()).isTrue();
        String tampered = queried.replaceFirst("<trans_amount>[^<]*</trans_amount>", "<trans_amount>999.00</trans_amount>");
        assertThat(tampered).isNotEqualTo(queried);
        assertThat(reader.read(tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8)).verified()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegisteredLegacyPartnerGetsAnMd5KeyInTheFileNeverPrintedAndSignsWithRsa2AtOnce() throws Exception {
        String partner = "2088100000000002";
        java.security.KeyPair keys = dev.scanpay.core.signing.RsaKeys.generate();
        Path publicKeyFile = dir.resolve("partner2.pub");
        java.nio.file.Files.writeString(publicKeyFile, dev.scanpay.core.signing.RsaKeys.encode(keys.getPublic()));
        String demoKeyBefore = (String) new LocalFiles(dir).read(dir.resolve("legacy-md5-keys.json")).get(LocalStack.DEMO_PARTNER);

        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            RegisterClient.run(args("--legacy-partner", partner, "--public-key-file", publicKeyFile.toString()));
        } finally {
            System.setOut(stdout);
        }

        Map<String, Object> md5Keys = new LocalFiles(dir).read(dir.resolve("legacy-md5-keys.json"));
        String md5Key = (String) md5Keys.get(partner);
        assertThat(md5Key).hasSize(32);
        assertThat(md5Keys.get(LocalStack.DEMO_PARTNER)).isEqualTo(demoKeyBefore);
        String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(output).contains("Registered MERCHANT " + partner).contains("legacy-md5-keys.json").doesNotContain(md5Key);

        Map<String, String> query = new java.util.TreeMap<>(Map.of("service", "alipay.acquire.overseas.query",
                "partner", partner, "_input_charset", "UTF-8", "partner_trans_id", "NONE-" + UUID.randomUUID()));
        Map<String, String> signed = new java.util.TreeMap<>(query);
        signed.put("sign", dev.scanpay.core.api.legacy.LegacySignature.rsaSign(dev.scanpay.core.api.legacy.LegacySignType.RSA2,
                dev.scanpay.core.api.legacy.LegacySignature.content(query), java.nio.charset.StandardCharsets.UTF_8, keys.getPrivate()));
        signed.put("sign_type", "RSA2");
        assertThat(get(signed)).contains("<is_success>T</is_success>").contains("<sign_type>RSA2</sign_type>");
    }

    /** The done-means of the reconciliation: the day's files, no break, then the break a dropped wallet record makes. */
    @Test
    void theReportCommandWritesTheDaysFilesAndNamesTheBreakOfADroppedWalletRecord() throws Exception {
        assertThat(DemoPayment.run(args("--amount", "4321", "--currency", "USD"))).isZero();
        java.time.LocalDate today = dev.scanpay.core.model.ledger.BusinessDay.ALIPAY.of(java.time.Instant.now());
        var records = stack.wallet().settlementRecords(dev.scanpay.core.model.ledger.BusinessDay.ALIPAY.start(today),
                dev.scanpay.core.model.ledger.BusinessDay.ALIPAY.end(today));
        String paid = records.stream().filter(r -> r.minor() == 4321 && r.transactionType().equals("PAYMENT"))
                .reduce((a, b) -> b).orElseThrow().paymentRequestId();

        DailyReport.run(args());
        Path transactions = dir.resolve("reports/reports").resolve(LocalStack.DEMO_CLIENT_ID).resolve(today.toString())
                .resolve("transactions.csv");
        Path breaks = dir.resolve("reports/wallets").resolve(stack.wallet().walletId()).resolve(today.toString()).resolve("breaks.csv");
        assertThat(java.nio.file.Files.readString(transactions)).contains(paid).endsWith("<END>\n");
        assertThat(java.nio.file.Files.readString(breaks)).doesNotContain(paid);

        stack.wallet().dropSettlementRecord("PAYMENT", paid);
        int exit = DailyReport.run(args("--date", today.toString()));

        assertThat(exit).as("breaks found").isEqualTo(3);
        assertThat(java.nio.file.Files.readAllLines(breaks)).filteredOn(line -> line.contains(paid))
                .singleElement().satisfies(line -> assertThat(line).startsWith("MISSING_AT_WALLET,PAYMENT,"));
    }

    @Test
    void theApiContractIsServedAsYamlAndAsAPageThatLoadsNothingElse() {
        // the test kit's transport also holds both answers against the operations the document gives them
        dev.scanpay.testkit.Transport http = dev.scanpay.testkit.Transport.http(java.net.URI.create(stack.gatewayUrl()));
        dev.scanpay.testkit.Transport.Response yaml = http.call("GET", "/openapi.yaml", Map.of(), null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.text()).startsWith("openapi: 3.1.0").contains("/ams/api/v1/payments/pay:");
        dev.scanpay.testkit.Transport.Response page = http.call("GET", "/openapi", Map.of(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<code>/ams/api/v1/payments/pay</code>", "id=\"schemas-PayRequest\"",
                "<code>/gateway.do</code>", "<code>/qr/{file}</code>").doesNotContain("<script", "<link", "src=");
    }

    @Test
    void userPresentedDemoPaymentSucceeds() throws Exception {
        assertThat(DemoPayment.run(args("--amount", "700", "--currency", "JPY"))).isZero();
        // its metrics went to the data dir's EMF file, not the console
        assertThat(java.nio.file.Files.readString(dir.resolve(LocalStack.METRICS_FILE)))
                .contains("\"Namespace\":\"Scanpay/local\"").contains("\"Payments\":1").contains("\"Result\":\"SUCCESS\"");
    }


    @Test
    void everyScenarioEndsFinalAndItsNotificationReachesTheReceiver() throws Exception {
        Map<String, Object> demo = new LocalFiles(dir).read(dir.resolve("demo-merchant.json"));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        com.sun.net.httpserver.HttpServer receiver = NotificationReceiver.start(receiverPort,
                dev.scanpay.core.signing.RsaKeys.publicKey((String) demo.get("gatewayPublicKey")), false,
                new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + NotificationReceiver.PATH;
            assertThat(DemoPayment.run(args("--amount", "1500", "--currency", "JPY", "--notify-url", notifyUrl))).isZero();
            DemoMerchant merchant = DemoMerchant.from(args("--notify-url", notifyUrl));
            String codeValue = DemoOrderCode.codeValue(DemoOrderCode.create(merchant, "LOCAL-OC-N-" + UUID.randomUUID(), "990", "JPY"));
            assertThat(DemoScan.run(args("--code", codeValue))).isZero();

            // the stack's sweeper sends them within a round or two (every 2 s)
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (printed.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n").length < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(lines.lines().filter(l -> l.startsWith("ack notification (signature verified)"))
                    .filter(l -> l.contains("\"resultStatus\":\"S\"")).count()).as(lines).isEqualTo(2);
        } finally {
            receiver.stop(0);
        }
    }
}
