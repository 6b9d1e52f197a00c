package dev.scanpay.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsAndPoliciesTest {

    @Test
    void formFieldsAreTheirFirstValueWhicheverWayTheFrameworkBindsThem() {
        Map<String, Object> lambda = new LinkedHashMap<>();
        lambda.put("amount", List.of("12.34", "99"));
        lambda.put("formId", List.of("abc"));
        lambda.put("empty", List.of());
        lambda.put("nested", Map.of("a", "b"));
        assertThat(FormFields.of(lambda)).containsOnly(Map.entry("amount", "12.34"), Map.entry("formId", "abc"));
        assertThat(FormFields.of(Map.of("amount", "7", "wallet", "SIMWALLET")))
                .containsOnly(Map.entry("amount", "7"), Map.entry("wallet", "SIMWALLET"));
        assertThat(FormFields.of(null)).isEmpty();
    }

    @Test
    void onlyAPlainHttpOriginOfTheCashierIsNamedInThePolicy() {
        assertThat(PageResponses.origin("https://cashier.simwallet.example/pay?x=1")).isEqualTo("https://cashier.simwallet.example");
        assertThat(PageResponses.origin("http://127.0.0.1:8081/cashier")).isEqualTo("http://127.0.0.1:8081");
        assertThat(PageResponses.origin("HTTPS://Cashier.Example")).isEqualTo("https://Cashier.Example");
        for (String unsafe : new String[] {"javascript:alert(1)", "https://a.example;script-src *", "ftp://files.example/x",
                "/relative", "https://user@[::1]/", "not a url"}) {
            assertThat(PageResponses.origin(unsafe)).as(unsafe).isNull();
        }
    }

    @Test
    void formIdsAreFreshAndFitWhatTheGatewayTakes() {
        String first = CodePageController.formId();
        assertThat(first).matches("[A-Za-z0-9_-]{22}");
        assertThat(CodePageController.formId()).isNotEqualTo(first);
    }
}
