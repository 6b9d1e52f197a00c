package dev.scanpay.codes.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads QR codes back with ZXing's own reader, as a phone would from a photo of the image. */
public final class Decode {

    private Decode() {
    }

    public static BufferedImage readPng(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not an image ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String png(byte[] png) {
        return image(readPng(png));
    }

    /** Decodes the image's pixels; no PURE_BARCODE hint, so the reader has to find the code itself. */
    public static String image(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no QR code ZXing can read: " + e, e);
        }
    }

    /** An image of black and white squares, {@code scale} pixels each, from a grid (true = dark). */
    public static BufferedImage grid(boolean[][] dark, int scale) {
        int rows = dark.length;
        int columns = dark[0].length;
        BufferedImage image = new BufferedImage(columns * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows * scale; y++) {
            for (int x = 0; x < columns * scale; x++) {
                image.setRGB(x, y, dark[y / scale][x / scale] ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }
}
