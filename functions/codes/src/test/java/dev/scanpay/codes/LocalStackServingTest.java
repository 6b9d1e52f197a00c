package dev.scanpay.codes;

import dev.scanpay.dynamodb.EmbeddedDynamo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.directory.WalletDirectory;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.signing.RsaKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The controller as the local stack serves it: on Netty, in one context with the merchant API's
 * AmsController, whose global @Error handlers answer framework 404s and failures in AMS form. The image
 * routes keep their own plain answers there, and the merchant API keeps its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class LocalStackServingTest {

    private CodesHarness codes;
    private ApplicationContext netty;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        codes = new CodesHarness();
        Map<String, Object> properties = new HashMap<>(codes.properties(EmbeddedDynamo.shared().endpoint()));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        // the merchant API signs its answers; the codes function alone needs no key
        properties.put("scanpay.gateway.key.private-key", RsaKeys.encode(RsaKeys.generate().getPrivate()));
        netty = ApplicationContext.builder().properties(properties).singletons(codes.clock).start();
        EmbeddedServer server = netty.getBean(EmbeddedServer.class);
        server.start();
        base = server.getURI();
        assertThat(netty.getBeanDefinitions(dev.scanpay.merchantapi.AmsController.class)).isNotEmpty();
    }

    @AfterAll
    void stop() {
        netty.close();
        codes.close();
    }

    @Test
    void imagesAreServedNextToTheMerchantApi() throws Exception {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(10));
        HttpResponse<byte[]> png = get("/qr/" + code.token() + ".png?size=small");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).contains("image/png");
        assertThat(png.headers().firstValue("cache-control")).contains("public, max-age=600");
        assertThat(Decode.readPng(png.body()).getWidth()).isEqualTo(200);
        assertThat(Decode.png(png.body())).isEqualTo(code.codeValue());
        HttpResponse<byte[]> svg = get("/qr/" + code.token() + ".svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("content-type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(QrHandlerTest.svgDecodes(new String(svg.body(), StandardCharsets.UTF_8))).isEqualTo(code.codeValue());
    }

    @Test
    void refusalsStayPlainTextAndAreNotTurnedIntoAmsAnswers() throws Exception {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(10));
        for (String path : new String[] {"/qr/" + CodeTokens.next() + ".png", "/qr/bad.svg", "/qr/" + code.token() + ".gif"}) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("unknown or expired code\n");
        }
        HttpResponse<byte[]> badSize = get("/qr/" + code.token() + ".png?size=huge");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(new String(badSize.body(), StandardCharsets.UTF_8)).isEqualTo("size must be small, middle or big\n");
    }

    @Test
    void anUnknownCodeGetsTheNotFoundPageNotAnAmsAnswer() throws Exception {
        for (String path : new String[] {"/c/" + CodeTokens.next(), "/c/bad"}) {
            HttpResponse<byte[]> response = get(path);
            String html = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=UTF-8");
            assertThat(response.headers().firstValue("cache-control")).contains("no-store");
            assertThat(response.headers().firstValue("content-security-policy").orElseThrow()).startsWith("default-src 'none';");
            assertThat(html).startsWith("<!doctype html>").contains("<h1>This code is not valid</h1>").doesNotContain("NO_INTERFACE_DEF");
        }
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(base.resolve("/c/" + CodeTokens.next()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=1&formId=" + CodePageController.formId())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).contains("<h1>This code is not valid</h1>");
    }

    @Test
    void anEntryCodeIsPaidThroughThePagesOnNettyToo() throws Exception {
        codes.simWallet();
        netty.getBean(WalletDirectory.class).refresh();
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        URI page = base.resolve("/c/" + code.token() + "?wallet=SIMWALLET");
        HttpResponse<String> amountPage = http.send(HttpRequest.newBuilder(page).header("accept-language", "zh-CN").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(amountPage.statusCode()).isEqualTo(200);
        assertThat(amountPage.body()).contains("<html lang=\"zh\">").contains(">支付</button>");
        String formId = CodePagesTest.formId(amountPage.body());
        String form = CodesHarness.urlEncoded(Map.of("amount", "12.34", "formId", formId, "wallet", "SIMWALLET"));
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(page)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("location").orElseThrow()).startsWith(CodesHarness.CASHIER_URL + "?codeValue=");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(page)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CodesHarness.urlEncoded(
                        Map.of("amount", "12.345", "formId", formId, "wallet", "SIMWALLET")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(CodePagesTest.problem(refused.body())).isEqualTo("USD amounts have at most 2 decimals.");
    }

    @Test
    void formsOverTheBodyLimitOrOfUnknownLengthAreRefusedOnNettyToo() throws Exception {
        EntryCode code = codes.entryCode("USD", "Cafe", "Pier 1");
        URI page = base.resolve("/c/" + code.token() + "?wallet=SIMWALLET");
        String big = "amount=1&formId=" + CodePageController.formId() + "&padding=" + "x".repeat(70 * 1024);
        HttpResponse<String> tooBig = http.send(HttpRequest.newBuilder(page)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).startsWith("<!doctype html>").contains("<h1>Something went wrong</h1>");
        // a publisher of unknown length goes out chunked: no Content-Length
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(page)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        "amount=1&formId=x".getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(411);
    }

    @Test
    void theMerchantApiStillAnswersOtherPathsInProtocol() throws Exception {
        HttpResponse<byte[]> response = get("/nothing/here");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("NO_INTERFACE_DEF");
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
