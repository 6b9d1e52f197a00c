package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Protocol §2.2: {@code <METHOD> <URI>\n<Client-Id>.<Request-Time>.<body>}, the body as the exact bytes sent. */
class SignedContentTest {

    static final String PAY_BODY = "{\"productCode\":\"IN_STORE_PAYMENT\",\"paymentRequestId\":\"PR20190528000000001\"}";

    @Test
    void payRequestContentAsInTheProtocolExample() {
        byte[] content = SignedContent.of("POST", "/ams/api/v1/payments/pay", "SANDBOX_5YEXAMPLE0000124",
                "1685599933871", PAY_BODY.getBytes(StandardCharsets.UTF_8));

        String expected = "POST /ams/api/v1/payments/pay\n"
                + "SANDBOX_5YEXAMPLE0000124.1685599933871."
                + "{\"productCode\":\"IN_STORE_PAYMENT\",\"paymentRequestId\":\"PR20190528000000001\"}";
        assertThat(content).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void theSeparatorIsOneLineFeedAndTwoDots() {
        byte[] content = SignedContent.of("POST", "/u", "c", "t", new byte[] {'b'});
        assertThat(content).containsExactly('P', 'O', 'S', 'T', ' ', '/', 'u', '\n', 'c', '.', 't', '.', 'b');
    }

    @Test
    void isoRequestTimeIsSignedVerbatim() {
        byte[] content = SignedContent.of("POST", "/aps/api/v1/payments/userInitiatedPay", "SANDBOX_1",
                "2019-05-28T12:12:12+08:00", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("POST /aps/api/v1/payments/userInitiatedPay\nSANDBOX_1.2019-05-28T12:12:12+08:00.{}");
    }

    @Test
    void theBodyIsCopiedByteForByteNeverReEncoded() {
        // bytes that are not valid UTF-8 must come through untouched: we sign what was on the wire
        byte[] body = {'{', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0x00, '}'};
        byte[] content = SignedContent.of("POST", "/p", "c", "1", body);

        byte[] head = "POST /p\nc.1.".getBytes(StandardCharsets.UTF_8);
        assertThat(content).hasSize(head.length + body.length);
        assertThat(java.util.Arrays.copyOfRange(content, head.length, content.length)).isEqualTo(body);
    }

    @Test
    void emptyBody() {
        assertThat(new String(SignedContent.of("POST", "/p", "c", "1", new byte[0]), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("POST /p\nc.1.");
    }

    @Test
    void headIsUtf8() {
        byte[] content = SignedContent.of("POST", "/p", "café", "1", new byte[0]);
        assertThat(content).isEqualTo("POST /p\ncafé.1.".getBytes(StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void describeMasksAnythingThatLooksLikeAPaymentCode() {
        byte[] content = SignedContent.of("POST", "/ams/api/v1/payments/pay", "C1", "1763863200000",
                "{\"paymentMethodId\":\"281006020000000000125733\",\"value\":\"1250\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        String described = SignedContent.describe(content);

        org.assertj.core.api.Assertions.assertThat(described)
                .doesNotContain("281006020000000000125733")
                .contains("2810****************5733")
                .contains("1763863200000")
                .contains("\"1250\"");
    }
}
