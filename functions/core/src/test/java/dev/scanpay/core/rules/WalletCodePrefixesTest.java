package dev.scanpay.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.wallet.Wallet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletCodePrefixesTest {

    private static Wallet wallet(String id, String... prefixes) {
        return new Wallet(id, id, "https://" + id + ".example/aps", "KEY", "1", List.of(prefixes));
    }

    @Test
    void prefixesThatMeetNoOtherWalletsAreAccepted() {
        assertThat(WalletCodePrefixes.refusalOf(wallet("A", "2811", "2812"), List.of(wallet("B", "2813"), wallet("C", "29"))))
                .isEmpty();
        // its own earlier record is not another wallet, and one wallet may nest its own prefixes
        assertThat(WalletCodePrefixes.refusalOf(wallet("A", "28", "281006"), List.of(wallet("A", "28")))).isEmpty();
    }

    @Test
    void anEqualShorterOrLongerPrefixOfAnotherWalletIsRefused() {
        List<Wallet> others = List.of(wallet("B", "2811"));

        assertThat(WalletCodePrefixes.refusalOf(wallet("A", "2811"), others)).hasValueSatisfying(p -> assertThat(p).contains("B"));
        assertThat(WalletCodePrefixes.refusalOf(wallet("A", "28"), others)).hasValueSatisfying(p -> assertThat(p).contains("2811"));
        assertThat(WalletCodePrefixes.refusalOf(wallet("A", "281199"), others)).isPresent();
    }

    @Test
    void prefixesAreOneToTwentyDigitsAndThereIsAtLeastOne() {
        assertThat(WalletCodePrefixes.refusalOf(wallet("A"), List.of())).hasValueSatisfying(p -> assertThat(p).contains("at least one"));
        for (String bad : new String[] {"", "28a", "２８", "123456789012345678901", " 28"}) {
            assertThat(WalletCodePrefixes.refusalOf(wallet("A", bad), List.of())).as(bad).isPresent();
        }
    }
}
