package dev.scanpay.core.api.legacy;

/** What XML 1.0 can carry as text: the answers echo request values, so requests are held to it. */
final class LegacyXml {

    private LegacyXml() {
    }

    /** XML 1.0 §2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the supplementary planes (paired). */
    static boolean isXmlText(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
