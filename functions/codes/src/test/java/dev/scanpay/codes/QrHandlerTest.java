package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.support.CodesHarness;
import dev.scanpay.codes.support.CodesHarness.Response;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.IssuedCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /qr/{token}.png|.svg through the real Lambda handler class, as API Gateway's HTTP API delivers it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class QrHandlerTest {

    private CodesHarness codes;

    @BeforeAll
    void start() {
        codes = new CodesHarness();
    }

    @AfterAll
    void stop() {
        codes.close();
    }

    @Test
    void liveOrderCodePngDecodesToItsCodeValueAndIsCachedUntilItExpires() {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(15));
        codes.clock.advance(Duration.ofMillis(1500));
        Response response = codes.get("/qr/" + code.token() + ".png");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.base64()).as("binary bodies reach API Gateway base64-encoded").isTrue();
        BufferedImage image = Decode.readPng(response.body());
        assertThat(image.getWidth()).isEqualTo(400);          // the default: middle
        assertThat(Decode.image(image)).isEqualTo(code.codeValue());
        // 900 s to expiry, less the 1.5 s gone: whole seconds, rounded down
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=898");
        assertThat(response.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void everySizeIsServedAtItsPixelSize() {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
        Map<String, Integer> sizes = Map.of("small", 200, "middle", 400, "big", 800);
        sizes.forEach((size, pixels) -> {
            Response response = codes.getMalformed("/qr/" + code.token() + ".png", Map.of("size", size));
            assertThat(response.status()).isEqualTo(200);
            BufferedImage image = Decode.readPng(response.body());
            assertThat(image.getWidth()).as(size).isEqualTo(pixels);
            assertThat(image.getHeight()).as(size).isEqualTo(pixels);
            assertThat(Decode.image(image)).isEqualTo(code.codeValue());
        });
    }

    @Test
    void svgIsServedAsSvgAndDrawsTheCodeValue() throws Exception {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(10));
        Response response = codes.get("/qr/" + code.token() + ".svg");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(response.text()).isEqualTo(QrImages.svg(code.codeValue(), QrImages.Size.MIDDLEIMAGE));
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body()));
        assertThat(document.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 49 49");
        assertThat(svgDecodes(response.text())).isEqualTo(code.codeValue());
        assertThat(codes.get("/qr/" + code.token() + ".svg", Map.of("size", "big")).text()).contains("width=\"800\"");
        assertThat(response.header("ETag")).isNotEqualTo(codes.get("/qr/" + code.token() + ".png").header("ETag"));
    }

    @Test
    void pastItsExpiryTheOrderCodeIsNotFound() {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(2));
        assertThat(codes.get("/qr/" + code.token() + ".png").status()).isEqualTo(200);
        codes.clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(codes.get("/qr/" + code.token() + ".png").header("Cache-Control")).isEqualTo("public, max-age=0");
        codes.clock.advance(Duration.ofMillis(1));
        assertNotFound(codes.get("/qr/" + code.token() + ".png"));
        assertNotFound(codes.get("/qr/" + code.token() + ".svg"));
    }

    @Test
    void unknownAndMalformedTokensAreNotFound() {
        assertNotFound(codes.get("/qr/" + CodeTokens.next() + ".png"));
        assertNotFound(codes.get("/qr/" + CodeTokens.next() + ".svg"));
        assertNotFound(codes.get("/qr/short.png"));
        assertNotFound(codes.get("/qr/" + "A".repeat(28) + ".png"));
        assertNotFound(codes.get("/qr/" + "A".repeat(26) + "!.png"));
        assertNotFound(codes.get("/qr/..%2F..%2Fetc%2Fpasswd.png"));
        assertNotFound(codes.get("/qr/.png"));
        IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
        assertNotFound(codes.get("/qr/" + code.token() + ".gif"));
        assertNotFound(codes.get("/qr/" + code.token()));
        assertNotFound(codes.get("/qr/" + code.token() + ".PNG"));
        // a malformed token with a bad size is still just not found
        assertNotFound(codes.getMalformed("/qr/nope.png", Map.of("size", "huge")));
    }

    @Test
    void aSizeOtherThanSmallMiddleOrBigIsABadRequest() {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
        for (String size : new String[] {"huge", "BIG", "MIDDLEIMAGE", "400", "", "small "}) {
            Response response = codes.getMalformed("/qr/" + code.token() + ".png", Map.of("size", size));
            assertThat(response.status()).as("size=%s", size).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("text/plain");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.text()).isEqualTo("size must be small, middle or big\n");
        }
        assertThat(codes.getMalformed("/qr/" + code.token() + ".svg", Map.of("size", "huge")).status()).isEqualTo(400);
    }

    @Test
    void entryCodesDoNotExpireAndAreCachedForADay() {
        IssuedCode code = codes.entryCode();
        Response response = codes.get("/qr/" + code.token() + ".png", Map.of("size", "big"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(Decode.png(response.body())).isEqualTo(code.codeValue());
        codes.clock.advance(Duration.ofDays(400));
        assertThat(codes.get("/qr/" + code.token() + ".svg").header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void orderCodesLivingLongerThanADayAreCachedForADay() {
        IssuedCode code = codes.orderCode(Duration.ofDays(3));
        assertThat(codes.get("/qr/" + code.token() + ".png").header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void aMatchingIfNoneMatchIsNotModified() {
        IssuedCode code = codes.orderCode(Duration.ofMinutes(5));
        String path = "/qr/" + code.token() + ".png";
        String etag = codes.get(path).header("ETag");
        assertThat(codes.get(path).header("ETag")).as("the same image, the same tag").isEqualTo(etag);
        Response notModified = codes.get(path, Map.of(), Map.of("if-none-match", "\"other\", W/" + etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(codes.get(path, Map.of(), Map.of("if-none-match", "\"other\"")).status()).isEqualTo(200);
        assertThat(codes.get(path, Map.of("size", "big"), Map.of("if-none-match", etag)).status())
                .as("another size is another image").isEqualTo(200);
        // the tag of an expired code gets no 304
        codes.clock.advance(Duration.ofMinutes(5));
        assertNotFound(codes.get(path, Map.of(), Map.of("if-none-match", etag)));
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.text()).isEqualTo("unknown or expired code\n");
    }

    /** Rasterises the SVG's path (each "Mx yhNv1h-Nz" a run of dark modules) and decodes it. */
    static String svgDecodes(String svg) {
        Matcher viewBox = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(viewBox.find()).isTrue();
        int side = Integer.parseInt(viewBox.group(1));
        boolean[][] dark = new boolean[side][side];
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        while (run.find()) {
            for (int i = 0; i < Integer.parseInt(run.group(3)); i++) {
                dark[Integer.parseInt(run.group(2))][Integer.parseInt(run.group(1)) + i] = true;
            }
        }
        return Decode.image(Decode.grid(dark, 8));
    }
}
