package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.simulator.FakeGateway.Offer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class CashierTest extends ScanTestSupport {

    /** Never follows redirects, so a test sees the 303 itself. */
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void thePageShowsTheOrderWithTheCurrencysDecimals() throws Exception {
        gatewaySide.offer("JPY-CODE", Offer.of(1000, "JPY"));
        gatewaySide.offer("USD-CODE", Offer.of(1234, "USD"));
        gatewaySide.offer("KWD-CODE", Offer.of(1_234_567, "KWD"));

        HttpResponse<String> yen = get("/cashier?codeValue=JPY-CODE");

        assertThat(yen.statusCode()).isEqualTo(200);
        assertThat(yen.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(yen.body()).contains("<meta name=\"viewport\"")
                .contains("JPY 1,000")
                .contains("SIMPAY")
                .contains("Blue Bottle")
                .contains("Shibuya")
                .contains("2026-11-23 10:05 (UTC+08:00)")
                .contains("<form method=\"post\" action=\"/cashier/confirm\">")
                .contains("<input type=\"hidden\" name=\"codeValue\" value=\"JPY-CODE\">")
                .contains("<input type=\"hidden\" name=\"customerId\" value=\"alice\">")
                .containsPattern("<button[^>]*id=\"confirm\"[^>]*>Confirm and pay</button>")
                .doesNotContain("http://", "https://");
        assertThat(get("/cashier?codeValue=USD-CODE").body()).contains("USD 12.34");
        assertThat(get("/cashier?codeValue=KWD-CODE").body()).contains("KWD 1,234.567");
        // looking is not paying
        assertThat(simulator.totalCharges()).isZero();
        assertThat(gatewaySide.notifications).isEmpty();
        assertThat(gatewaySide.userInitiatedPays).hasSize(3)
                .allSatisfy(call -> assertThat(call.json()).containsEntry("customerId", "alice"));
    }

    @Test
    void everyValueOnThePageIsEscaped() throws Exception {
        String code = "X\"><script>alert(1)</script>";
        gatewaySide.offer(code, Offer.of(500, "USD").named("<script>alert('m')</script> & Co", "Store \"<b>1</b>\""));

        String page = get("/cashier?codeValue=" + encode(code) + "&customerId=" + encode("bob<i>")).body();

        assertThat(page).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>")
                .contains("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt; &amp; Co")
                .contains("Store &quot;&lt;b&gt;1&lt;/b&gt;&quot;")
                .contains("value=\"X&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .contains("value=\"bob&lt;i&gt;\"");
    }

    @Test
    void aCodeTheGatewayRefusesShowsTheReason() throws Exception {
        gatewaySide.refuse("EXPIRED", "EXPIRED_CODE");

        HttpResponse<String> page = get("/cashier?codeValue=EXPIRED");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("id=\"problem\">EXPIRED_CODE[^<]*<").doesNotContain("id=\"confirm\"");
        HttpResponse<String> noCode = get("/cashier");
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(noCode.body()).contains("id=\"problem\"");
    }

    @Test
    void confirmingPaysNotifiesAndSendsTheBrowserBackToTheGateway() throws Exception {
        String redirect = gatewaySide.baseUrl() + "/entry/done?o=1&s=2";
        gatewaySide.offer("ENTRY-1", Offer.of(1000, "JPY").redirectingTo(redirect));

        HttpResponse<String> answer = post("/cashier/confirm", "codeValue=ENTRY-1&customerId=bob");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue(redirect);
        // the notification went out before the browser was sent back
        assertThat(gatewaySide.notifications).singleElement().satisfies(n -> {
            assertThat(n.verified()).isTrue();
            assertThat(n.json()).containsEntry("customerId", "bob")
                    .containsEntry("paymentRequestId", gatewaySide.paymentRequestIdOf("ENTRY-1"));
        });
        assertThat(simulator.balance("bob", "JPY")).isEqualTo(1_000_000 - 1000);

        // confirming again (a double tap) is the same payment
        assertThat(post("/cashier/confirm", "codeValue=ENTRY-1&customerId=bob").statusCode()).isEqualTo(303);
        assertThat(simulator.totalCharges()).isEqualTo(1);
        assertThat(gatewaySide.notifications).hasSize(1);
    }

    @Test
    void withoutARedirectUrlTheOutcomeIsShown() throws Exception {
        gatewaySide.offer("ENTRY-2", Offer.of(250, "EUR"));
        gatewaySide.offer("ENTRY-3", Offer.of(19905, "EUR"));
        gatewaySide.refuse("ENTRY-4", "ORDER_IS_CLOSED");

        HttpResponse<String> paid = post("/cashier/confirm", "codeValue=ENTRY-2");
        HttpResponse<String> declined = post("/cashier/confirm", "codeValue=ENTRY-3");
        HttpResponse<String> closed = post("/cashier/confirm", "codeValue=ENTRY-4");

        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("<h1 id=\"outcome\">Paid</h1>").contains("EUR 2.50");
        assertThat(simulator.balance("alice", "EUR")).isEqualTo(500_000 - 250);
        assertThat(declined.body()).contains("<h1 id=\"outcome\">Payment failed</h1>");
        assertThat(closed.body()).contains("<h1 id=\"outcome\">Payment failed</h1>").contains("ORDER_IS_CLOSED");
        assertThat(gatewaySide.notifications).hasSize(2);
    }

    @Test
    void theCashierCustomerAndUserAgentMarkerAreConfigurable() {
        assertThat(simulator.cashierUrl()).isEqualTo(simulator.baseUrl() + "/cashier");
        assertThat(simulator.userAgentMarker()).isEqualTo("SimWallet");
        try (WalletSimulator other = WalletSimulator.start(SimulatorConfig.builder().clock(clock)
                .keyPair(TestKeys.WALLET).cashierCustomer("zoe").userAgentMarker("ZoePay/1").build())) {
            other.trustGateway(TestGateway.CLIENT_ID, TestKeys.GATEWAY.getPublic());
            other.connectGateway(gatewaySide.baseUrl());
            gatewaySide.offer("ZOE", Offer.of(100, "USD"));

            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(other.cashierUrl() + "?codeValue=ZOE")).GET());

            assertThat(page.body()).contains("value=\"zoe\"");
            assertThat(other.userAgentMarker()).isEqualTo("ZoePay/1");
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).GET());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
