package dev.scanpay.codes;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * QR codes of code values, as PNG and SVG. Error correction level M (15% of the code may be damaged or
 * covered), a quiet zone of {@value #QUIET_ZONE} light modules on every side, the value encoded as UTF-8.
 *
 * <p>Sizes ({@link Size}) are the AMS displayType names with fixed, square pixel sizes: SMALLIMAGE
 * 200&times;200, MIDDLEIMAGE 400&times;400, BIGIMAGE 800&times;800. Every module is drawn with the same
 * whole number of pixels (the largest that fits the code and its quiet zone in the size), so nothing is
 * ever scaled blurrily; the few pixels left over widen the light margin, centring the code, so the quiet
 * zone is never narrower than four modules. A typical order-code URL (about 90 characters, QR version 6,
 * 41 modules, 49 with the quiet zone) gets 4, 8 and 16 pixels per module.
 */
public final class QrImages {

    /** Light modules around the code on each side, as ISO/IEC 18004 asks. */
    public static final int QUIET_ZONE = 4;

    /** Bumped whenever the rendering changes, so the ETags of old images stop matching. */
    static final String RENDERING_VERSION = "1";

    private static final int DARK = 0;
    private static final int LIGHT = 1;

    static {
        // a server renders images without a display; never let AWT look for one (or a Dock icon on macOS)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private QrImages() {
    }

    /** The image sizes, named as AMS names them in codeDetails' displayType. */
    public enum Size {
        SMALLIMAGE("small", 200),
        MIDDLEIMAGE("middle", 400),
        BIGIMAGE("big", 800);

        private final String parameter;
        private final int pixels;

        Size(String parameter, int pixels) {
            this.parameter = parameter;
            this.pixels = pixels;
        }

        /** The value of the {@code size} query parameter that asks for this size. */
        public String parameter() {
            return parameter;
        }

        /** Width and height of the image, in pixels. */
        public int pixels() {
            return pixels;
        }

        /** The size a query parameter asks for: small, middle or big (exactly; empty when anything else). */
        public static Optional<Size> ofParameter(String parameter) {
            for (Size size : values()) {
                if (size.parameter.equals(parameter)) {
                    return Optional.of(size);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The bare modules of the code for {@code value}, without quiet zone: {@code get(x, y)} is true for a
     * dark module.
     *
     * @throws IllegalArgumentException if the value is empty or too long for any QR code at level M
     */
    public static BitMatrix modules(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("nothing to encode");
        }
        BitMatrix chosen = encode(value, null);
        if (readable(chosen, value)) {
            return chosen;
        }
        // About one code in a hundred, with the mask the encoder prefers, is one ZXing's own finder cannot
        // locate (measured: 5 of 600; many Android wallets scan with ZXing); another mask pattern of the
        // same data is found (0 of 2,000 unreadable at any size with this check)
        for (int mask = 0; mask < 8; mask++) {
            BitMatrix other = encode(value, mask);
            if (readable(other, value)) {
                return other;
            }
        }
        return chosen;
    }

    private static BitMatrix encode(String value, Integer maskPattern) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.MARGIN, 0);     // the quiet zone is drawn here, at the chosen scale
        if (maskPattern != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, maskPattern);
        }
        try {
            // width and height 0: one bit per module, nothing scaled
            return new QRCodeWriter().encode(value, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + value.length() + " characters", e);
        }
    }

    /**
     * Whether ZXing's reader finds and reads the code, as a scanner would, in a rendering at the middle
     * size (checked there because a smaller check passed codes that failed at the served sizes).
     */
    private static boolean readable(BitMatrix modules, String value) {
        int scale = scale(modules.getWidth(), Size.MIDDLEIMAGE);
        int side = (modules.getWidth() + 2 * QUIET_ZONE) * scale;
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xFFFFFFFF);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    for (int dy = 0; dy < scale; dy++) {
                        int start = ((QUIET_ZONE + y) * scale + dy) * side + (QUIET_ZONE + x) * scale;
                        Arrays.fill(pixels, start, start + scale, 0xFF000000);
                    }
                }
            }
        }
        try {
            var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                    new com.google.zxing.RGBLuminanceSource(side, side, pixels)));
            return value.equals(new com.google.zxing.qrcode.QRCodeReader()
                    .decode(bitmap, Map.of(com.google.zxing.DecodeHintType.CHARACTER_SET, "UTF-8")).getText());
        } catch (com.google.zxing.ReaderException e) {
            return false;
        }
    }

    /** Pixels per module of a code of {@code modules} modules (without quiet zone) at {@code size}. */
    public static int scale(int modules, Size size) {
        int scale = size.pixels() / (modules + 2 * QUIET_ZONE);
        if (scale < 1) {
            throw new IllegalArgumentException("a code of " + modules + " modules does not fit " + size);
        }
        return scale;
    }

    /** The code as a black-and-white image of exactly {@code size.pixels()} square. */
    public static BufferedImage image(String value, Size size) {
        return image(modules(value), size);
    }

    static BufferedImage image(BitMatrix modules, Size size) {
        int n = modules.getWidth();
        int scale = scale(n, size);
        int pixels = size.pixels();
        int offset = (pixels - n * scale) / 2;     // at least QUIET_ZONE * scale
        BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        int[] light = new int[pixels];
        Arrays.fill(light, LIGHT);
        int[] row = new int[pixels];
        for (int y = 0; y < pixels; y++) {
            int moduleY = Math.floorDiv(y - offset, scale);
            if (y < offset || moduleY >= n) {
                raster.setPixels(0, y, pixels, 1, light);
                continue;
            }
            System.arraycopy(light, 0, row, 0, pixels);
            for (int x = 0; x < n; x++) {
                if (modules.get(x, moduleY)) {
                    Arrays.fill(row, offset + x * scale, offset + (x + 1) * scale, DARK);
                }
            }
            raster.setPixels(0, y, pixels, 1, row);
        }
        return image;
    }

    /** The code as a PNG (1 bit per pixel) of exactly {@code size.pixels()} square. */
    public static byte[] png(String value, Size size) {
        return png(modules(value), size);
    }

    static byte[] png(BitMatrix modules, Size size) {
        BufferedImage image = image(modules, size);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        // in memory: ImageIO.write(image, "png", OutputStream) would cache through a temporary file
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The code as SVG: a white square and one black {@code <path>} of the dark modules (each horizontal
     * run of dark modules one rectangle), crispEdges, the viewBox in modules with the quiet zone
     * ({@code 0 0 n+8 n+8}), and width and height set to {@code size.pixels()}.
     */
    public static String svg(String value, Size size) {
        return svg(modules(value), size);
    }

    static String svg(BitMatrix modules, Size size) {
        int n = modules.getWidth();
        int side = n + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(n * n);
        for (int y = 0; y < n; y++) {
            int x = 0;
            while (x < n) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < n && modules.get(x, y)) {
                    x++;
                }
                path.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + size.pixels()
                + "\" height=\"" + size.pixels() + "\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"" + path + "\"/>"
                + "</svg>\n";
    }
}
