package dev.scanpay.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.money.Money;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict reading of AMS JSON, naming the full path of any field that is wrong. */
class FieldsTest {

    static Map<String, Object> amount(String currency, Object value) {
        Map<String, Object> amount = new HashMap<>();
        amount.put("currency", currency);
        amount.put("value", value);
        return amount;
    }

    static void assertParamIllegal(Runnable read, String message) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.PARAM_ILLEGAL);
                    assertThat(e.result()).isEqualTo(new Result("PARAM_ILLEGAL", ResultStatus.F, message));
                })
                .hasMessage(message);
    }

    @Test
    void nestedObjectsCarryTheirPath() {
        Fields root = Fields.root(Map.of("order", Map.of("merchant", Map.of("store", Map.of()))));
        Fields store = root.object("order").object("merchant").object("store");
        assertThat(store.path("storeMCC")).isEqualTo("order.merchant.store.storeMCC");
        assertParamIllegal(() -> store.string("storeMCC", 32), "order.merchant.store.storeMCC is required");
    }

    @Test
    void stringsAreLengthChecked() {
        Fields root = Fields.root(Map.of("id", "abcd"));
        assertThat(root.string("id", 4)).isEqualTo("abcd");
        assertParamIllegal(() -> root.string("id", 3), "id is longer than 3 characters");
    }

    @Test
    void optionalStringAbsentOrNullIsEmpty() {
        Map<String, Object> body = new HashMap<>();
        body.put("nothing", null);
        Fields root = Fields.root(body);
        assertThat(root.optionalString("nothing", 10)).isEmpty();
        assertThat(root.optionalString("absent", 10)).isEmpty();
        assertThat(root.has("nothing")).isFalse();
    }

    @Test
    void optionalStringEmptyIsRefused() {
        assertParamIllegal(() -> Fields.root(Map.of("x", "")).optionalString("x", 10), "x must not be empty");
    }

    @Test
    void typesAreChecked() {
        Fields root = Fields.root(Map.of("n", 5, "s", "text", "b", true));
        assertParamIllegal(() -> root.string("n", 10), "n must be a string");
        assertParamIllegal(() -> root.string("b", 10), "b must be a string");
        assertParamIllegal(() -> root.object("s"), "s must be an object");
    }

    @Test
    void amountFromStringIntegerAndLong() {
        assertThat(Fields.root(Map.of("a", amount("USD", "1234"))).amount("a")).isEqualTo(Money.of(1234, "USD"));
        assertThat(Fields.root(Map.of("a", amount("USD", 1234))).amount("a")).isEqualTo(Money.of(1234, "USD"));
        assertThat(Fields.root(Map.of("a", amount("USD", 10_000_000_000L))).amount("a"))
                .isEqualTo(Money.of(10_000_000_000L, "USD"));
    }

    @Test
    void amountUpToEighteenDigits() {
        assertThat(Fields.root(Map.of("a", amount("KWD", "999999999999999999"))).amount("a").minor())
                .isEqualTo(999_999_999_999_999_999L);
        assertParamIllegal(() -> Fields.root(Map.of("a", amount("KWD", "9999999999999999999"))).amount("a"),
                "a.value must be a whole number of minor units");
    }

    @Test
    void amountValueOfOtherJsonTypesIsRefused() {
        assertParamIllegal(() -> Fields.root(Map.of("a", amount("USD", 12.5))).amount("a"), "a.value must be a string of minor units");
        assertParamIllegal(() -> Fields.root(Map.of("a", amount("USD", new BigInteger("100000000000000000000")))).amount("a"),
                "a.value must be a string of minor units");
        assertParamIllegal(() -> Fields.root(Map.of("a", amount("USD", true))).amount("a"), "a.value must be a string of minor units");
        assertParamIllegal(() -> Fields.root(Map.of("a", amount("USD", -5))).amount("a"), "a.value must be a whole number of minor units");
    }

    @Test
    void amountMissingParts() {
        assertParamIllegal(() -> Fields.root(Map.of()).amount("paymentAmount"), "paymentAmount is required");
        assertParamIllegal(() -> Fields.root(Map.of("paymentAmount", amount(null, "1"))).amount("paymentAmount"),
                "paymentAmount.currency is required");
        assertParamIllegal(() -> Fields.root(Map.of("paymentAmount", amount("USD", null))).amount("paymentAmount"),
                "paymentAmount.value is required");
    }

    @Test
    void rawIsTheObjectItself() {
        Map<String, Object> body = Map.of("a", "b");
        assertThat(Fields.root(body).raw()).isSameAs(body);
    }
}
