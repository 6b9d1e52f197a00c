package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.codes.QrTerminal.Palette;
import dev.scanpay.codes.support.Decode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QrTerminalTest {

    @ParameterizedTest
    @EnumSource(Palette.class)
    void twoModuleRowsPerLineWithTheQuietZoneAndOnlyHalfBlocks(Palette palette) {
        String text = QrTerminal.render(QrImagesTest.ORDER_CODE, palette);
        List<String> lines = text.lines().toList();
        int side = 41 + 2 * QrImages.QUIET_ZONE;                  // 49 modules with the quiet zone
        assertThat(text).endsWith("\n");
        assertThat(lines).hasSize((side + 1) / 2);                 // 25 lines
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(side));
        assertThat(text.replace("\n", "").chars().filter(c -> QrTerminal.CHARACTERS.indexOf(c) < 0).count())
                .as("characters other than ▀ ▄ █ and space").isZero();
    }

    @Test
    void lightOnDarkDrawsTheQuietZoneAndDarkOnLightLeavesItBlank() {
        List<String> lightOnDark = QrTerminal.render(QrImagesTest.ORDER_CODE).lines().toList();
        List<String> darkOnLight = QrTerminal.render(QrImagesTest.ORDER_CODE, Palette.DARK_ON_LIGHT).lines().toList();
        // the first two lines are the top quiet zone: four light rows
        assertThat(lightOnDark.get(0)).matches("█{49}");
        assertThat(lightOnDark.get(1)).matches("█{49}");
        assertThat(darkOnLight.get(0)).matches(" {49}");
        assertThat(darkOnLight.get(1)).matches(" {49}");
        // the last line holds the last quiet row over the terminal's own background
        assertThat(lightOnDark.get(24)).matches("▀{49}");
        assertThat(darkOnLight.get(24)).matches(" {49}");
    }

    @ParameterizedTest
    @EnumSource(Palette.class)
    void readsBackAsTheCodeValueInTheColoursOfItsPalette(Palette palette) {
        List<String> lines = QrTerminal.render(QrImagesTest.ORDER_CODE, palette).lines().toList();
        int side = lines.get(0).length();
        boolean glyphIsLight = palette == Palette.LIGHT_ON_DARK;
        boolean[][] dark = new boolean[lines.size() * 2][side];
        for (int line = 0; line < lines.size(); line++) {
            for (int x = 0; x < side; x++) {
                char c = lines.get(line).charAt(x);
                boolean top = c == '█' || c == '▀';
                boolean bottom = c == '█' || c == '▄';
                // a glyph is the foreground colour: light on a dark terminal, dark on a light one
                dark[2 * line][x] = top != glyphIsLight;
                dark[2 * line + 1][x] = bottom != glyphIsLight;
            }
        }
        assertThat(Decode.image(Decode.grid(dark, 6))).isEqualTo(QrImagesTest.ORDER_CODE);
    }
}
