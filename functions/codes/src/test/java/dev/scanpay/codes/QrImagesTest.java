package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import dev.scanpay.codes.QrImages.Size;
import dev.scanpay.codes.support.Decode;
import dev.scanpay.core.model.code.CodeTokens;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrImagesTest {

    /** An order code as the gateway issues it on a real API Gateway URL: about 90 characters. */
    static final String ORDER_CODE = "https://a1b2c3d4e5.execute-api.ap-southeast-1.amazonaws.com/c/" + CodeTokens.next();

    @Test
    void theCodeValueIsAsLongAsARealOne() {
        assertThat(ORDER_CODE).hasSizeGreaterThan(85).startsWith("https://");
        assertThat(ORDER_CODE.substring(ORDER_CODE.lastIndexOf('/') + 1)).hasSize(27);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void pngOfEverySizeDecodesToExactlyTheCodeValue(Size size) {
        byte[] png = QrImages.png(ORDER_CODE, size);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(Decode.png(png)).isEqualTo(ORDER_CODE);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void pngIsExactlyThePromisedSizeWithWholePixelModulesAndTheQuietZone(Size size) {
        BufferedImage image = Decode.readPng(QrImages.png(ORDER_CODE, size));
        assertThat(image.getWidth()).isEqualTo(size.pixels());
        assertThat(image.getHeight()).isEqualTo(size.pixels());

        BitMatrix modules = QrImages.modules(ORDER_CODE);
        int n = modules.getWidth();
        int scale = QrImages.scale(n, size);
        int offset = (size.pixels() - n * scale) / 2;
        assertThat(offset).isGreaterThanOrEqualTo(QrImages.QUIET_ZONE * scale);
        // every pixel is pure black or white, and each is the colour of the module it lies in
        for (int y = 0; y < size.pixels(); y++) {
            for (int x = 0; x < size.pixels(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int mx = Math.floorDiv(x - offset, scale);
                int my = Math.floorDiv(y - offset, scale);
                boolean dark = mx >= 0 && my >= 0 && mx < n && my < n && modules.get(mx, my);
                assertThat(rgb).as("pixel %d,%d", x, y).isEqualTo(dark ? 0x000000 : 0xFFFFFF);
            }
        }
    }

    @Test
    void aTypicalOrderCodeIsVersion6AtLevelMWithTheDocumentedScales() {
        int n = QrImages.modules(ORDER_CODE).getWidth();
        assertThat(n).isEqualTo(41);       // version 6 holds up to 106 bytes at level M
        assertThat(QrImages.scale(n, Size.SMALLIMAGE)).isEqualTo(4);
        assertThat(QrImages.scale(n, Size.MIDDLEIMAGE)).isEqualTo(8);
        assertThat(QrImages.scale(n, Size.BIGIMAGE)).isEqualTo(16);
    }

    @Test
    void sizesAreTheDisplayTypesWithTheirParameters() {
        assertThat(Size.ofParameter("small")).contains(Size.SMALLIMAGE);
        assertThat(Size.ofParameter("middle")).contains(Size.MIDDLEIMAGE);
        assertThat(Size.ofParameter("big")).contains(Size.BIGIMAGE);
        assertThat(Size.ofParameter("BIG")).isEmpty();
        assertThat(Size.ofParameter("")).isEmpty();
        assertThat(Size.ofParameter(null)).isEmpty();
        assertThat(Size.SMALLIMAGE.pixels()).isEqualTo(200);
        assertThat(Size.MIDDLEIMAGE.pixels()).isEqualTo(400);
        assertThat(Size.BIGIMAGE.pixels()).isEqualTo(800);
    }

    @Test
    void nonAsciiValuesRoundTripAsUtf8() {
        String value = "https://example.com/店/咖啡?name=Zoë";
        assertThat(Decode.png(QrImages.png(value, Size.MIDDLEIMAGE))).isEqualTo(value);
    }

    @Test
    void theLongestValueAtLevelMStillFitsTheSmallSize() {
        // version 40 at level M holds 2331 bytes: 177 modules, 185 with the quiet zone, 1 pixel each in 200
        String value = "https://example.com/" + "a".repeat(2331 - 20 - 3);
        assertThat(QrImages.modules(value).getWidth()).isEqualTo(177);
        assertThat(QrImages.scale(177, Size.SMALLIMAGE)).isEqualTo(1);
        BufferedImage image = Decode.readPng(QrImages.png(value, Size.SMALLIMAGE));
        assertThat(image.getWidth()).isEqualTo(200);
        // one pixel per module is too fine for ZXing's finder (and a camera); four pixels decode
        assertThat(QrImages.scale(177, Size.BIGIMAGE)).isEqualTo(4);
        assertThat(Decode.png(QrImages.png(value, Size.BIGIMAGE))).isEqualTo(value);
    }

    @Test
    void emptyOrTooLongValuesAreRefused() {
        assertThatThrownBy(() -> QrImages.png("", Size.SMALLIMAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrImages.png("x".repeat(3000), Size.SMALLIMAGE)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void svgIsWellFormedWithTheViewBoxInModulesAndDecodes(Size size) throws Exception {
        String svg = QrImages.svg(ORDER_CODE, size);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 49 49");
        assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(size.pixels()));
        assertThat(root.getAttribute("height")).isEqualTo(Integer.toString(size.pixels()));
        assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        assertThat(document.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("*", "script").getLength()).isZero();

        // draw the path's rectangles as the browser would and read the code back
        String d = ((Element) document.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        assertThat(d).matches("(M\\d+ \\d+h\\d+v1h-\\d+z)+");
        boolean[][] dark = new boolean[49][49];
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(d);
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int i = 0; i < length; i++) {
                assertThat(dark[y][x + i]).as("modules drawn once").isFalse();
                dark[y][x + i] = true;
            }
        }
        for (int i = 0; i < 49; i++) {
            for (int q = 0; q < QrImages.QUIET_ZONE; q++) {
                assertThat(dark[q][i] || dark[48 - q][i] || dark[i][q] || dark[i][48 - q]).as("quiet zone").isFalse();
            }
        }
        assertThat(Decode.image(Decode.grid(dark, 8))).isEqualTo(ORDER_CODE);
    }
}
