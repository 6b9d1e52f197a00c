package dev.scanpay.codes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.code.EntryProblem;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class PageTextTest {

    @Test
    void theMostPreferredLanguageWins() {
        assertThat(PageText.of("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(PageText.ZH);
        assertThat(PageText.of("zh")).isEqualTo(PageText.ZH);
        assertThat(PageText.of("ZH-hant-TW")).isEqualTo(PageText.ZH);
        assertThat(PageText.of("en-US,en;q=0.9,zh-CN;q=0.8")).isEqualTo(PageText.EN);
        assertThat(PageText.of("ja,zh;q=0.9")).isEqualTo(PageText.EN);
    }

    @Test
    void qValuesCountAndTheFirstOfEqualOnesWins() {
        assertThat(PageText.of("en;q=0.5, zh-CN;q=0.8")).isEqualTo(PageText.ZH);
        assertThat(PageText.of("zh;q=0.5, en;q=0.5")).isEqualTo(PageText.ZH);
        assertThat(PageText.of("en;q=0.5, zh;q=0.5")).isEqualTo(PageText.EN);
        assertThat(PageText.of("zh;q=0, en;q=0.1")).isEqualTo(PageText.EN);
        assertThat(PageText.of("zh ; q=1.0")).isEqualTo(PageText.ZH);
    }

    @Test
    void anythingElseIsEnglish() {
        for (String header : new String[] {null, "", "*", "zhx", "chinese", "zh;q=nope", "zh;q=2", ",,;", "fr-CH, fr;q=0.9"}) {
            assertThat(PageText.of(header)).as(String.valueOf(header)).isEqualTo(PageText.EN);
        }
    }

    @Test
    void everyProblemHasWordsInBothLanguages() {
        for (PageText text : PageText.values()) {
            for (EntryProblem problem : EntryProblem.values()) {
                assertThat(text.problem(problem, Currency.getInstance("USD"))).as("%s %s", text, problem).isNotBlank();
            }
        }
        assertThat(PageText.EN.problem(EntryProblem.AMOUNT_TOO_MANY_DECIMALS, Currency.getInstance("KWD")))
                .isEqualTo("KWD amounts have at most 3 decimals.");
        assertThat(PageText.ZH.problem(EntryProblem.AMOUNT_NOT_A_NUMBER, Currency.getInstance("USD")))
                .isEqualTo("请输入数字金额，例如 12.34。");
    }
}
