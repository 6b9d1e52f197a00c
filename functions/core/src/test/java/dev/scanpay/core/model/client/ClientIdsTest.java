package dev.scanpay.core.model.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientIdsTest {

    @Test
    void idsAreNarrowBecauseTheyArePartsOfStorageKeys() {
        assertThat(ClientIds.isWellFormed("SANDBOX_5YEXAMPLE0000124")).isTrue();
        assertThat(ClientIds.isWellFormed("acme-pos.eu")).isTrue();
        assertThat(ClientIds.isWellFormed("A#B")).isFalse();
        assertThat(ClientIds.isWellFormed("")).isFalse();
        assertThat(ClientIds.isWellFormed("x".repeat(65))).isFalse();
        assertThat(ClientIds.isWellFormed(null)).isFalse();
    }

    @Test
    void aClientCannotBeRegisteredWithAMalformedId() {
        assertThatThrownBy(() -> new Client("A#B", "n", ClientKind.MERCHANT, Map.of(), Set.of(), null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIsvMustListTheMerchantsItActsFor() {
        assertThatThrownBy(() -> new Client("ISV1", "n", ClientKind.ISV, Map.of(), Set.of(), null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Client("ISV1", "n", ClientKind.ISV, Map.of(), Set.of("M1"), null, Instant.EPOCH).mayActFor("M1")).isTrue();
    }
}
