package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.CodesHarness.Response;
import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.OnBothAdapters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** The /c/{token} pages through the real Lambda handler class, as API Gateway's HTTP API delivers them, and on Netty. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnBothAdapters
class CodePagesTest {

    @Parameter
    Adapter adapter;

    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
    private static final String WALLET = CodesHarness.WALLET_BROWSER;
    private static final String ENGLISH = "en-US,en;q=0.9";

    private CodesHarness codes;

    @BeforeParameterizedClassInvocation
    void start() {
        codes = new CodesHarness(adapter);
        codes.simWallet();
        // registered, but takes no entry codes: never offered, never chosen
        codes.wallet(new Wallet("PLAINPAY", "PlainPay", "https://api.plainpay.example",
                RsaKeys.encode(RsaKeys.generate().getPublic()), "1", List.of("2877")));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        codes.close();
    }

    @Test
    void theAmountPageTakesTheCurrencysDecimals() {
        record Expected(String currency, String placeholder, String inputMode, String pattern) {
        }
        for (Expected expected : List.of(
                new Expected("JPY", "1000", "numeric", "[0-9][0-9,]*"),
                new Expected("USD", "12.34", "decimal", "[0-9][0-9,]*(\\.[0-9]{0,2})?"),
                new Expected("KWD", "1.234", "decimal", "[0-9][0-9,]*(\\.[0-9]{0,3})?"))) {
            EntryCode code = codes.entryCode(expected.currency(), "Noodle Bar " + expected.currency(), "Main Street");
            Response page = codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH);
            assertThat(page.status()).isEqualTo(200);
            String html = page.text();
            Map<String, String> amount = attributes(element(html, "input", "amount"));
            assertThat(amount).as(expected.currency())
                    .containsEntry("name", "amount")
                    .containsEntry("type", "text")
                    .containsEntry("placeholder", expected.placeholder())
                    .containsEntry("inputmode", expected.inputMode())
                    .containsEntry("pattern", expected.pattern())
                    .containsEntry("autocomplete", "off")
                    .containsKey("required")
                    .doesNotContainKey("value");
            assertThat(html).contains("<html lang=\"en\">")
                    .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                    .contains("<span class=\"currency\" id=\"currency\">" + expected.currency() + "</span>")
                    .contains("id=\"merchant\">Noodle Bar " + expected.currency() + "</p>")
                    .contains("id=\"store\">Main Street</p>")
                    .contains("<button type=\"submit\" id=\"pay\">Pay</button>")
                    .contains("Paying with SimWallet")
                    .doesNotContain("name=\"wallet\"");
            assertThat(formId(html)).matches("[A-Za-z0-9_-]{22}");
        }
    }

    @Test
    void everyRenderingHasItsOwnFormId() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String first = formId(codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH).text());
        String second = formId(codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH).text());
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void chineseIsServedToBrowsersThatPreferIt() {
        EntryCode code = codes.entryCode("JPY", "拉面一番", "涩谷店");
        String html = codes.page("/c/" + code.token(), Map.of(), WALLET, "zh-CN,zh;q=0.9,en;q=0.8").text();
        assertThat(html).contains("<html lang=\"zh\">").contains(">支付</button>").contains(">金额</label>")
                .contains("id=\"merchant\">拉面一番</p>").contains("id=\"store\">涩谷店</p>");
        assertThat(codes.page("/c/" + code.token(), Map.of(), WALLET, "en-GB,zh-CN;q=0.8").text()).contains("<html lang=\"en\">");
        assertThat(codes.page("/c/" + code.token(), Map.of(), WALLET, "fr;q=0.5,zh-TW;q=0.9").text()).contains("<html lang=\"zh\">");
        assertThat(codes.page("/c/" + code.token(), Map.of(), WALLET, null).text()).contains("<html lang=\"en\">");
    }

    @Test
    void outsideAWalletThePageNamesTheWalletsThatPayIt() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        Response page = codes.page("/c/" + code.token(), Map.of(), PHONE, ENGLISH);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Open this code in your wallet app")
                .contains("<p class=\"wallet\">SimWallet</p>")
                .contains("<a class=\"button secondary\" href=\"?wallet=SIMWALLET\">Continue with SimWallet in this browser</a>")
                .doesNotContain("PlainPay")
                .doesNotContain("id=\"amount\"")
                .doesNotContain("<form");
        assertThat(codes.page("/c/" + code.token(), Map.of(), PHONE, "zh").text()).contains("请在钱包中打开");
    }

    @Test
    void aWalletParameterOpensTheAmountPageInAnyBrowser() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String html = codes.page("/c/" + code.token(), Map.of("wallet", "SIMWALLET"), PHONE, ENGLISH).text();
        assertThat(html).contains("id=\"amount\"").contains("<input type=\"hidden\" name=\"wallet\" value=\"SIMWALLET\">");
        for (String other : new String[] {"PLAINPAY", "NOBODY", "", "simwallet"}) {
            assertThat(codes.page("/c/" + code.token(), Map.of("wallet", other), PHONE, ENGLISH).text())
                    .as(other).contains("Open this code in your wallet app").doesNotContain("id=\"amount\"");
        }
    }

    @Test
    void aValidAmountStartsThePaymentAndGoesToTheCashier() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String formId = formId(codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH).text());
        Response answer = codes.post("/c/" + code.token(), form("12.34", formId), WALLET, ENGLISH);
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        Payment payment = paymentBehind(answer.header("Location"));
        assertThat(payment.scenario()).isEqualTo(Scenario.ENTRY_CODE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(payment.amount()).isEqualTo(Money.of(1234, "USD"));
        assertThat(payment.walletId()).isEqualTo("SIMWALLET");
        assertThat(payment.order().referenceStoreId()).isEqualTo(code.referenceStoreId());
    }

    @Test
    void theSamePageSubmittedTwiceIsOnePayment() {
        EntryCode code = codes.entryCode("JPY", "Ramen", "Shibuya");
        String formId = formId(codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH).text());
        Response first = codes.post("/c/" + code.token(), form("1,000", formId), WALLET, ENGLISH);
        Response second = codes.post("/c/" + code.token(), form("1,000", formId), WALLET, ENGLISH);
        assertThat(first.status()).isEqualTo(303);
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(paymentBehind(first.header("Location")).amount()).isEqualTo(Money.of(1000, "JPY"));
        Response another = codes.post("/c/" + code.token(), form("1,000", CodePageController.formId()), WALLET, ENGLISH);
        assertThat(another.header("Location")).as("another rendering, another payment").isNotEqualTo(first.header("Location"));
    }

    @Test
    void aSecondAmountOnAUsedPageIsRefused() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String formId = CodePageController.formId();
        assertThat(codes.post("/c/" + code.token(), form("5", formId), WALLET, ENGLISH).status()).isEqualTo(303);
        Response again = codes.post("/c/" + code.token(), form("6", formId), WALLET, ENGLISH);
        assertThat(again.status()).isEqualTo(400);
        assertThat(problem(again.text())).isEqualTo("This page was already used for a payment. Check the amount and tap Pay again.");
        assertThat(formId(again.text())).isNotEqualTo(formId);
    }

    @Test
    void tooManyDecimalsAreRefusedOnThePageWithTheAmountKept() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String formId = CodePageController.formId();
        Response refused = codes.post("/c/" + code.token(), form("12.345", formId), WALLET, ENGLISH);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(problem(refused.text())).isEqualTo("USD amounts have at most 2 decimals.");
        assertThat(attributes(element(refused.text(), "input", "amount"))).containsEntry("value", "12.345")
                .containsEntry("aria-describedby", "problem");
        assertThat(formId(refused.text())).matches("[A-Za-z0-9_-]{22}");
        // nothing was started: the same form id still makes a payment
        assertThat(codes.post("/c/" + code.token(), form("12.34", formId), WALLET, ENGLISH).status()).isEqualTo(303);
    }

    @Test
    void everyAmountProblemIsExplainedInTheCustomersLanguage() {
        EntryCode yen = codes.entryCode("JPY", "Ramen", "Shibuya");
        Map<String, String> english = Map.of(
                "abc", "Enter the amount as a number, such as 1000.",
                "10.5", "JPY amounts have no decimals.",
                "0", "Enter an amount above zero.",
                "99999999999999", "This amount is too large.");
        english.forEach((typed, message) -> {
            Response refused = codes.post("/c/" + yen.token(), form(typed, CodePageController.formId()), WALLET, ENGLISH);
            assertThat(refused.status()).as(typed).isEqualTo(400);
            assertThat(problem(refused.text())).as(typed).isEqualTo(message);
        });
        Response chinese = codes.post("/c/" + yen.token(), form("10.5", CodePageController.formId()), WALLET, "zh-CN");
        assertThat(problem(chinese.text())).isEqualTo("JPY 金额不能有小数。");
        Response empty = codes.post("/c/" + yen.token(), Map.of("formId", CodePageController.formId()), WALLET, ENGLISH);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(problem(empty.text())).isEqualTo("Enter the amount as a number, such as 1000.");
    }

    @Test
    void theTypedAmountIsEscapedWhenShownAgain() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        Response refused = codes.post("/c/" + code.token(), form("\"><script>alert(1)</script>", CodePageController.formId()),
                WALLET, ENGLISH);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).doesNotContain("<script>").contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void aWalletChosenByParameterIsCarriedByTheForm() {
        EntryCode code = codes.entryCode("KWD", "Souq", "Kuwait City");
        Map<String, String> fields = new LinkedHashMap<>(form("1.5", CodePageController.formId()));
        fields.put("wallet", "SIMWALLET");
        Response answer = codes.post("/c/" + code.token(), fields, PHONE, ENGLISH);
        assertThat(answer.status()).isEqualTo(303);
        assertThat(paymentBehind(answer.header("Location")).amount()).isEqualTo(Money.of(1500, "KWD"));
        fields.put("wallet", "PLAINPAY");
        Response noWallet = codes.post("/c/" + code.token(), fields, PHONE, ENGLISH);
        assertThat(noWallet.status()).isEqualTo(400);
        assertThat(noWallet.text()).contains("Open this code in your wallet app").contains("href=\"?wallet=SIMWALLET\"");
        assertThat(problem(noWallet.text())).isEqualTo("Open this code in your wallet app to pay.");
    }

    @Test
    void postingToAnythingButAnEntryCodeIsNotFound() {
        IssuedCode order = codes.orderCode(Duration.ofMinutes(5));
        for (String token : new String[] {CodeTokens.next(), order.token(), "short"}) {
            assertNotFoundPage(codes.post("/c/" + token, form("10", CodePageController.formId()), WALLET, ENGLISH));
        }
    }

    @Test
    void aSubmitThatIsNotAFormGetsAPageNotJson() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        for (String contentType : new String[] {"text/plain", "application/json", "multipart/form-data; boundary=x", null}) {
            if (contentType == null && adapter == Adapter.NETTY) {
                // where the adapters differ (found by this suite): Netty reads a body sent without a
                // Content-Type as the form and answers with the amount page; through Lambda it is no form
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("user-agent", WALLET);
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            Response answer = codes.sendMalformed("POST", "/c/" + code.token(), Map.of(), headers,
                    "amount=1&formId=" + CodePageController.formId());
            assertThat(answer.status()).as(contentType).isEqualTo(400);
            assertThat(answer.text()).as(contentType).startsWith("<!doctype html>").contains("<h1>Something went wrong</h1>");
            assertPageHeaders(answer, "form-action 'none'");
        }
    }

    @Test
    void aFormOverTheBodyLimitIsRefusedBeforeItIsReadAndWritesNothing() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String formId = CodePageController.formId();
        Map<String, String> form = new LinkedHashMap<>(form("12.34", formId));
        form.put("padding", "x".repeat(70 * 1024));
        Response answer = codes.post("/c/" + code.token(), form, WALLET, ENGLISH);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text()).startsWith("<!doctype html>").contains("<h1>Something went wrong</h1>");
        assertPageHeaders(answer, "form-action 'none'");
        assertThat(codes.payments.findByRequest(code.clientId(), "EC-" + formId)).isEmpty();
    }

    @Test
    void namesAreEscaped() {
        EntryCode code = codes.entryCode("USD", "<script>alert('m')</script>", "\"Store\" & <b>Co</b>");
        String amountPage = codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH).text();
        assertThat(amountPage).doesNotContain("<script>").doesNotContain("<b>")
                .contains("id=\"merchant\">&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;</p>")
                .contains("id=\"store\">&quot;Store&quot; &amp; &lt;b&gt;Co&lt;/b&gt;</p>")
                .contains("<title>&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;</title>");
        assertThat(codes.page("/c/" + code.token(), Map.of(), PHONE, ENGLISH).text()).doesNotContain("<script>");
    }

    @Test
    void walletNamesAndIdsAreEscapedToo() {
        // its own table: the other tests' pages list the registered wallets
        try (CodesHarness other = new CodesHarness(adapter)) {
            other.wallet(new Wallet("EVIL\"WALLET", "<i>Evil</i> Pay", "https://api.evil.example",
                    RsaKeys.encode(RsaKeys.generate().getPublic()), "1", List.of("2866"), "https://cashier.evil.example", "EvilPay"));
            EntryCode code = other.entryCode("USD", "Cafe", "Pier 1");
            String chooser = other.page("/c/" + code.token(), Map.of(), PHONE, ENGLISH).text();
            assertThat(chooser).doesNotContain("<i>").contains("<p class=\"wallet\">&lt;i&gt;Evil&lt;/i&gt; Pay</p>")
                    .contains("href=\"?wallet=EVIL%22WALLET\"");
            String amountPage = other.page("/c/" + code.token(), Map.of("wallet", "EVIL\"WALLET"), PHONE, ENGLISH).text();
            assertThat(amountPage).contains("<input type=\"hidden\" name=\"wallet\" value=\"EVIL&quot;WALLET\">")
                    .contains("Paying with &lt;i&gt;Evil&lt;/i&gt; Pay");
        }
    }

    @Test
    void theCashierComesBackToTheResultPage() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        String location = codes.post("/c/" + code.token(), form("12.34", CodePageController.formId()), WALLET, ENGLISH)
                .header("Location");
        Payment created = paymentBehind(location);
        String resultPath = "/c/" + created.codeToken();

        String waiting = codes.page(resultPath, Map.of(), WALLET, ENGLISH).text();
        assertThat(attributes(element(waiting, "section", "outcome"))).containsEntry("data-status", "CREATED");
        assertThat(waiting).contains("<meta http-equiv=\"refresh\" content=\"2\">").contains("Waiting for your payment")
                .doesNotContain("<script");

        Payment processing = moved(created, PaymentStatus.PROCESSING);
        assertThat(attributes(element(codes.page(resultPath, Map.of(), WALLET, ENGLISH).text(), "section", "outcome")))
                .containsEntry("data-status", "PROCESSING");

        moved(processing, PaymentStatus.SUCCESS);
        Response paid = codes.page(resultPath, Map.of(), PHONE, ENGLISH);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(attributes(element(paid.text(), "section", "outcome"))).containsEntry("data-status", "SUCCESS");
        assertThat(paid.text()).contains("<h1>Payment successful</h1>")
                .contains("id=\"amount\">USD 12.34</p>")
                .contains("id=\"merchant\">Cafe</p>")
                .contains("id=\"store\">Pier 1</p>")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(codes.page(resultPath, Map.of(), PHONE, "zh-CN").text()).contains("支付成功");
        assertPageHeaders(paid, "form-action 'none'");
    }

    @Test
    void failedAndClosedPaymentsSaySo() {
        EntryCode code = codes.entryCode("JPY", "Ramen", "Shibuya");
        Payment failing = paymentBehind(codes.post("/c/" + code.token(), form("1200", CodePageController.formId()), WALLET, ENGLISH)
                .header("Location"));
        moved(moved(failing, PaymentStatus.PROCESSING), PaymentStatus.FAIL);
        String failed = codes.page("/c/" + failing.codeToken(), Map.of(), WALLET, ENGLISH).text();
        assertThat(attributes(element(failed, "section", "outcome"))).containsEntry("data-status", "FAIL");
        assertThat(failed).contains("Payment failed").contains("JPY 1,200").doesNotContain("http-equiv=\"refresh\"");

        Payment lapsing = paymentBehind(codes.post("/c/" + code.token(), form("800", CodePageController.formId()), WALLET, ENGLISH)
                .header("Location"));
        codes.clock.advance(Duration.ofMinutes(5));
        String lapsed = codes.page("/c/" + lapsing.codeToken(), Map.of(), WALLET, ENGLISH).text();
        assertThat(attributes(element(lapsed, "section", "outcome"))).containsEntry("data-status", "CREATED");
        assertThat(lapsed).contains("This payment is closed").doesNotContain("http-equiv=\"refresh\"");
        moved(lapsing, PaymentStatus.CANCELLED);
        String cancelled = codes.page("/c/" + lapsing.codeToken(), Map.of(), WALLET, ENGLISH).text();
        assertThat(attributes(element(cancelled, "section", "outcome"))).containsEntry("data-status", "CANCELLED");
        assertThat(cancelled).contains("This payment is closed");
    }

    @Test
    void aMerchantsOrderCodeSaysToScanItWithAWallet() {
        Payment payment = orderCodePayment(Money.of(123456, "USD"), Duration.ofMinutes(5));
        String path = "/c/" + payment.codeToken();
        Response landing = codes.page(path, Map.of(), PHONE, ENGLISH);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.text()).contains("<h1>Scan this code with your wallet app</h1>")
                .contains("id=\"merchant\">Corner Shop</p>")
                .contains("id=\"amount\">USD 1,234.56</p>")
                .doesNotContain("<form");
        assertThat(codes.page(path, Map.of(), PHONE, "zh-Hans-CN").text()).contains("请使用钱包 App 扫描此二维码");
        assertPageHeaders(landing, "form-action 'none'");

        codes.clock.advance(Duration.ofMinutes(5));
        String expired = codes.page(path, Map.of(), PHONE, ENGLISH).text();
        assertThat(expired).contains("This code has expired").doesNotContain("USD 1,234.56");

        IssuedCode withoutPayment = codes.orderCode(Duration.ofMinutes(2));
        assertThat(codes.page("/c/" + withoutPayment.token(), Map.of(), PHONE, ENGLISH).text())
                .contains("Scan this code with your wallet app");
    }

    @Test
    void unknownAndMalformedTokensGetTheNotFoundPage() {
        for (String token : new String[] {CodeTokens.next(), "short", "A".repeat(28), "%3Cscript%3E"}) {
            assertNotFoundPage(codes.page("/c/" + token, Map.of(), WALLET, ENGLISH));
        }
        Response chinese = codes.page("/c/" + CodeTokens.next(), Map.of(), PHONE, "zh-CN,zh;q=0.9");
        assertThat(chinese.status()).isEqualTo(404);
        assertThat(chinese.text()).contains("<html lang=\"zh\">").contains("此二维码无效");
    }

    @Test
    void pagesAreNeverStoredFramedOrAllowedToLoadAnything() {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        Response amountPage = codes.page("/c/" + code.token(), Map.of(), WALLET, ENGLISH);
        assertPageHeaders(amountPage, "form-action 'self' https://cashier.simwallet.example");
        assertPageHeaders(codes.page("/c/" + code.token(), Map.of(), PHONE, ENGLISH), "form-action 'none'");
        assertPageHeaders(codes.post("/c/" + code.token(), form("1.001", CodePageController.formId()), WALLET, ENGLISH),
                "form-action 'self' https://cashier.simwallet.example");
        String html = amountPage.text();
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("src=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("http://").doesNotContain("https://");
    }

    static void assertNotFoundPage(Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).startsWith("<!doctype html>").contains("<h1>This code is not valid</h1>");
        assertPageHeaders(response, "form-action 'none'");
    }

    static void assertPageHeaders(Response response, String formAction) {
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.header("Content-Security-Policy")).isEqualTo(
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; " + formAction);
    }

    private Payment moved(Payment from, PaymentStatus to) {
        PaymentStore.Transition transition = codes.payments.replace(from, from.toBuilder().status(to).build());
        assertThat(transition).isInstanceOf(PaymentStore.Applied.class);
        return ((PaymentStore.Applied) transition).payment();
    }

    /** A merchant's order-code payment, as pay creates it. */
    private Payment orderCodePayment(Money amount, Duration expiresIn) {
        var spec = new CodePayments.NewCodePayment("MERCHANT_QR", "ORDER-" + CodeTokens.next(), Scenario.ORDER_CODE, amount,
                new OrderDetails("ORDER-1", "Groceries", "M-2", "Corner Shop", "5411", "S-1", "Main Street", "5411", null),
                null, null, null, codes.clock.instant().plus(expiresIn));
        var creation = new CodePayments(codes.payments, codes.codes, new CodeUrls(CodesHarness.PUBLIC_URL), codes.clock)
                .create(spec, "hash");
        return ((PaymentStore.Created) creation).payment();
    }

    /** The payment the cashier link's codeValue leads to; the link is the wallet's cashier, nothing else. */
    private Payment paymentBehind(String location) {
        String prefix = CodesHarness.CASHIER_URL + "?codeValue=";
        assertThat(location).startsWith(prefix);
        String codeValue = URLDecoder.decode(location.substring(prefix.length()), StandardCharsets.UTF_8);
        assertThat(codeValue).startsWith(CodesHarness.PUBLIC_URL + "/c/");
        String token = codeValue.substring((CodesHarness.PUBLIC_URL + "/c/").length());
        IssuedCode code = codes.codes.find(token).orElseThrow();
        Payment payment = codes.payments.get(code.paymentId()).orElseThrow();
        assertThat(payment.codeToken()).isEqualTo(token);
        return payment;
    }

    private static Map<String, String> form(String amount, String formId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("amount", amount);
        fields.put("formId", formId);
        return fields;
    }

    static String formId(String html) {
        return attributes(element(html, "input", null, "name=\"formId\"")).get("value");
    }

    static String problem(String html) {
        Matcher matcher = Pattern.compile("<p class=\"problem\" id=\"problem\" role=\"alert\">([^<]*)</p>").matcher(html);
        assertThat(matcher.find()).as("a problem element").isTrue();
        return matcher.group(1);
    }

    static String element(String html, String tag, String id) {
        return element(html, tag, id, null);
    }

    /** The start tag of the first {@code tag} with that id (or holding {@code contains}). */
    static String element(String html, String tag, String id, String contains) {
        Matcher matcher = Pattern.compile("<" + tag + "\\b[^>]*>").matcher(html);
        while (matcher.find()) {
            String found = matcher.group();
            if ((id != null && found.contains(" id=\"" + id + "\"")) || (contains != null && found.contains(contains))) {
                return found;
            }
        }
        throw new AssertionError("no <" + tag + "> " + (id != null ? "#" + id : contains) + " in\n" + html);
    }

    /** Attributes of a start tag; a bare attribute maps to "". */
    static Map<String, String> attributes(String startTag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("\\s([a-zA-Z-]+)(?:=\"([^\"]*)\")?").matcher(startTag);
        while (matcher.find()) {
            attributes.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
        }
        return attributes;
    }
}
