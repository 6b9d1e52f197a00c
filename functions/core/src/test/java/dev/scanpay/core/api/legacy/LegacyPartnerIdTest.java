package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyPartnerIdTest {

    @Test
    void acceptsSixteenDigitsStarting2088() {
        assertThat(LegacyPartnerId.parse("2088101122136241").value()).isEqualTo("2088101122136241");
        assertThat(LegacyPartnerId.isWellFormed("2088000000000000")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2088", "208810112213624", "20881011221362411", "1088101122136241",
            "2088 01122136241", "208810112213624a", "２０８８101122136241", " 2088101122136241",
            "2088101122136241\n", "+2088101122136241"})
    void refusesAnythingElseAsIllegalPartner(String partner) {
        assertThat(LegacyPartnerId.isWellFormed(partner)).isFalse();
        assertThatThrownBy(() -> LegacyPartnerId.parse(partner))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_PARTNER));
    }

    @Test
    void refusesAMissingPartner() {
        assertThatThrownBy(() -> LegacyPartnerId.parse(null))
                .isInstanceOfSatisfying(LegacyRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(LegacyError.ILLEGAL_PARTNER));
    }
}
