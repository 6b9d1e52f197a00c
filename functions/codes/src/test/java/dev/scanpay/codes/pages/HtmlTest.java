package dev.scanpay.codes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersAreEscapedForTextAndQuotedAttributes() {
        assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape("拉面 № 1")).isEqualTo("拉面 № 1");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aDocumentIsSelfContainedAndMobileFirst() {
        String page = Html.document(PageText.ZH, "<T>", "<p>x</p>\n", 0);
        assertThat(page).startsWith("<!doctype html>\n<html lang=\"zh\">")
                .contains("<meta charset=\"utf-8\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<title>&lt;T&gt;</title>")
                .contains("<main>\n<p>x</p>\n</main>")
                .doesNotContain("http-equiv")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("url(").doesNotContain("@import");
        assertThat(Html.document(PageText.EN, "t", "", 2)).contains("<meta http-equiv=\"refresh\" content=\"2\">");
    }
}
