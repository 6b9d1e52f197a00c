package dev.scanpay.codes;

import com.google.zxing.common.BitMatrix;

/**
 * A code value as a QR code in a terminal: plain text (no escape sequences), two rows of modules per
 * line drawn with the half blocks '▀', '▄', '█' and ' ', quiet zone included, one character per module
 * column. Terminal cells are about twice as tall as wide, so the modules come out roughly square.
 *
 * <p>A phone reads a QR code as dark modules on a light ground, and a character cell shows the glyph in
 * the terminal's foreground colour over its background colour. {@link Palette#LIGHT_ON_DARK}, the default,
 * is for the usual dark terminal (light text on a dark background): glyphs draw the light modules and
 * the quiet zone, so the code stands in a light square with dark modules. {@link Palette#DARK_ON_LIGHT} is
 * for a light terminal (dark text on a light background): glyphs draw the dark modules. Printed with the
 * wrong palette the code comes out inverted, which many phone cameras do not read.
 */
public final class QrTerminal {

    /** Which of the terminal's two colours is the light one. */
    public enum Palette {
        /** Light text on a dark background (most terminals' default): glyphs are the light modules. */
        LIGHT_ON_DARK,
        /** Dark text on a light background: glyphs are the dark modules. */
        DARK_ON_LIGHT
    }

    /** The only characters a rendering holds, besides the line breaks. */
    public static final String CHARACTERS = "▀▄█ ";

    private QrTerminal() {
    }

    /** For a dark terminal (light text on a dark background), lines separated by '\n'. */
    public static String render(String value) {
        return render(value, Palette.LIGHT_ON_DARK);
    }

    /**
     * The code with its quiet zone, {@code n + 8} columns by {@code ceil((n + 8) / 2)} lines for a code of
     * {@code n} modules, each line ended by '\n'.
     */
    public static String render(String value, Palette palette) {
        BitMatrix modules = QrImages.modules(value);
        int n = modules.getWidth();
        int side = n + 2 * QrImages.QUIET_ZONE;
        boolean glyphIsLight = palette == Palette.LIGHT_ON_DARK;
        StringBuilder text = new StringBuilder((side + 1) * (side + 1) / 2);
        for (int y = 0; y < side; y += 2) {
            for (int x = 0; x < side; x++) {
                // glyph drawn where the module's colour is the foreground's colour
                boolean top = isLight(modules, x, y) == glyphIsLight;
                // the half row under an odd last row is outside the code: terminal background
                boolean bottom = y + 1 < side && isLight(modules, x, y + 1) == glyphIsLight;
                text.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Whether the module at (x, y) of the code with its quiet zone is light. */
    private static boolean isLight(BitMatrix modules, int x, int y) {
        int mx = x - QrImages.QUIET_ZONE;
        int my = y - QrImages.QUIET_ZONE;
        int n = modules.getWidth();
        return mx < 0 || my < 0 || mx >= n || my >= n || !modules.get(mx, my);
    }
}
