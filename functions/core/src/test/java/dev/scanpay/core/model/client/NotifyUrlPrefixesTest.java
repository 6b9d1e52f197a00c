package dev.scanpay.core.model.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one rule for where a client's notifications may go, against the tricks that fool naive prefix checks. */
class NotifyUrlPrefixesTest {

    private static final NotifyUrlPrefixes SHOP = NotifyUrlPrefixes.of(List.of("https://shop.example/notify"));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example/notify",
            "https://shop.example/notify/",
            "https://shop.example/notify/b2c/42",
            "https://shop.example/notify?order=42&x=y",
            "https://SHOP.Example/notify",
            "HTTPS://shop.example/notify",
            "https://shop.example:443/notify",
    })
    void admitsUrlsUnderThePrefix(String url) {
        assertThat(SHOP.admits(url)).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example.evil.net/notify",
            "https://evil.net/shop.example/notify",
            "https://shop.example@evil.net/notify",
            "https://shop.example:x@evil.net/notify",
            "https://user@shop.example/notify",
            "https://shop.example/notify-evil",
            "https://shop.example/notifyevil",
            "https://shop.example/notify/../admin",
            "https://shop.example/notify/./../admin",
            "https://shop.example/notify/%2e%2e/admin",
            "https://shop.example/notify/%2E%2E/admin",
            "https://shop.example/notify/.%2e/admin",
            "https://shop.example/notify%2f..%2fadmin",
            "https://shop.example/notify/%252e%252e/admin",
            "https://shop.example/notify\\..\\admin",
            "https://shop.example\\@evil.net/notify",
            "https://shop.example/notify#frag",
            "https://shop.example/Notify",
            "https://shop.example/",
            "https://shop.example",
            "http://shop.example/notify",
            "https://shop.example:8443/notify",
            "https://shop.example./notify",
            "ftp://shop.example/notify",
            "//shop.example/notify",
            "https:shop.example/notify",
            "not a url",
    })
    void refusesEverythingElse(String url) {
        assertThat(SHOP.admits(url)).as(url).isFalse();
    }

    @Test
    void aPrefixEndingInASlashIsTheSameDirectory() {
        NotifyUrlPrefixes slash = NotifyUrlPrefixes.of(List.of("https://shop.example/notify/"));
        assertThat(slash.admits("https://shop.example/notify/a")).isTrue();
        assertThat(slash.admits("https://shop.example/notify-evil")).isFalse();
    }

    @Test
    void aPortIsComparedExactlyAndTheSchemesDefaultCounts() {
        NotifyUrlPrefixes local = NotifyUrlPrefixes.of(List.of("http://127.0.0.1:8070/"));
        assertThat(local.admits("http://127.0.0.1:8070/notify")).isTrue();
        assertThat(local.admits("http://127.0.0.1:8071/notify")).isFalse();
        assertThat(local.admits("http://127.0.0.1/notify")).isFalse();
        assertThat(NotifyUrlPrefixes.of(List.of("http://shop.example:80/")).admits("http://shop.example/n")).isTrue();
    }

    @Test
    void prefixesCarryNoQueryFragmentUserInfoOrDotSegments() {
        for (String bad : List.of("https://shop.example/notify?x=1", "https://shop.example/notify#f", "https://u@shop.example/",
                "https://shop.example/a/../b", "ftp://shop.example/", "shop.example/notify")) {
            assertThatThrownBy(() -> NotifyUrlPrefixes.of(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClientWithNoPrefixesAcceptsNoUrlOfItsOwn() {
        assertThat(NotifyUrlPrefixes.NONE.admits("https://shop.example/notify")).isFalse();
        assertThatThrownBy(() -> NotifyUrlPrefixes.NONE.require("paymentNotifyUrl", "https://shop.example/notify"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.PARAM_ILLEGAL);
                    assertThat(e.getMessage()).startsWith("paymentNotifyUrl ");
                });
        NotifyUrlPrefixes.NONE.require("paymentNotifyUrl", null);
    }

    @Test
    void aClientsDefaultNotifyUrlMustBeInsideItsOwnList() {
        assertThatThrownBy(() -> new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of(), Set.of(), "https://other.example/n",
                SHOP, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of(), Set.of(), "https://shop.example/notify",
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Client("C1", "Cafe", ClientKind.MERCHANT, Map.of(), Set.of(), "https://shop.example/notify/c1",
                SHOP, Instant.EPOCH).notifyUrl()).isEqualTo("https://shop.example/notify/c1");
    }
}
