package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers computed outside this code base, so these tests prove we match the standard (SHA256withRSA,
 * PKCS#1 v1.5, which is deterministic) and Alipay's framing, not merely ourselves. With the test key under
 * src/test/resources/signing:
 *
 * <pre>
 * printf 'POST /ams/api/v1/payments/pay\nSANDBOX_5YEXAMPLE0000124.1685599933871.%s' "$BODY" &gt; content.bin
 * openssl dgst -sha256 -sign test-rsa2048.pk8.pem content.bin | base64 -w0
 * python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=''))" "$SIGNATURE"
 * </pre>
 */
class SigningKnownAnswerTest {

    static final String CLIENT_ID = "SANDBOX_5YEXAMPLE0000124";
    static final String REQUEST_TIME = "1685599933871";
    static final String PAY_URI = "/ams/api/v1/payments/pay";

    /** The UPM request example of protocol §3.1, compact, as a merchant would send it. */
    static final String PAY_BODY = "{\"productCode\":\"IN_STORE_PAYMENT\",\"paymentRequestId\":\"PR20190528000000001\","
            + "\"paymentMethod\":{\"paymentMethodType\":\"CONNECT_WALLET\",\"paymentMethodId\":\"288888888888888888\"},"
            + "\"paymentFactor\":{\"inStorePaymentScenario\":\"PaymentCode\"},\"paymentAmount\":{\"currency\":\"JPY\",\"value\":\"1000\"},"
            + "\"order\":{\"referenceOrderId\":\"0000000001\",\"orderDescription\":\"Cappuccino x2\","
            + "\"orderAmount\":{\"currency\":\"JPY\",\"value\":\"1000\"},"
            + "\"merchant\":{\"referenceMerchantId\":\"seller231117459\",\"merchantName\":\"Some_Mer\",\"merchantMCC\":\"7011\","
            + "\"store\":{\"referenceStoreId\":\"store231117459\",\"storeName\":\"Some_store\",\"storeMCC\":\"7011\"}},"
            + "\"env\":{\"storeTerminalId\":\"T1\",\"storeTerminalRequestTime\":\"2020-06-11T13:35:02+08:00\"}}}";

    /** sha256sum content.bin */
    static final String PAY_CONTENT_SHA256 = "04392d9bd9038e3521dde612cf6e84f072304de0c68ceff003688d9b432df212";

    /** openssl dgst -sha256 -sign over the pay content. */
    static final String PAY_SIGNATURE = "UN80A2dtnf6n09W6StsDwoMcaACfbyX6kcVMyFgi/ciH0rJaYzvLnP5UVPxMQkqJwn8pww7h2HQcKS1SKeCP7SL"
            + "HFtY4xWEiilbqE8N7+b9HaW0HIoMcdCgyCnJVHikSrK1ECsUF2LTkNgecAUG7WUvLRnl++Vg5qKmhBDd7MeVhZd3l6LEAL4YupBLc36y/8uR/"
            + "zwqIqMUzkJ4BA+63NG4rxlioTi6XleDykw6bC+hClcDlqdbXT7VzdCEgdXPposYUughI6yZY8FyokSRkCc5u8Oaon1wzCO5K4Uo3mWxyY4qR1"
            + "GPU+auia++GXMDCOvbmvigm2f/w6bpeU2Nf4w==";

    /** The Signature header for it, URL-encoded by Python's urllib, not by Java. */
    static final String PAY_SIGNATURE_HEADER = "algorithm=RSA256,keyVersion=1,signature="
            + "UN80A2dtnf6n09W6StsDwoMcaACfbyX6kcVMyFgi%2FciH0rJaYzvLnP5UVPxMQkqJwn8pww7h2HQcKS1SKeCP7SLHFtY4xWEiilbqE8N7"
            + "%2Bb9HaW0HIoMcdCgyCnJVHikSrK1ECsUF2LTkNgecAUG7WUvLRnl%2B%2BVg5qKmhBDd7MeVhZd3l6LEAL4YupBLc36y%2F8uR%2Fzwq"
            + "IqMUzkJ4BA%2B63NG4rxlioTi6XleDykw6bC%2BhClcDlqdbXT7VzdCEgdXPposYUughI6yZY8FyokSRkCc5u8Oaon1wzCO5K4Uo3mWxyY"
            + "4qR1GPU%2Bauia%2B%2BGXMDCOvbmvigm2f%2Fw6bpeU2Nf4w%3D%3D";

    /** An Alipay+ notification with an ISO Request-Time and a body in UTF-8 beyond ASCII. */
    static final String NOTIFY_URI = "/aps/api/v1/payments/notifyPayment";
    static final String NOTIFY_TIME = "2019-05-28T12:12:12+08:00";
    static final String NOTIFY_BODY = "{\"orderDescription\":\"Café crème 咖啡\"}";
    static final String NOTIFY_SIGNATURE = "Pvd3iw53GYPFnnOz/KitVOMD5tmJWoc/FkdqV1UMKohPktVIveQvOMZmmEYfENp+tq1aeRhrXr/HegsDBS"
            + "3Q3VGzn8di8SWxmlTpzJ46YlkyLgTvdCb/PLVgN3DwbaPFQD9MyvIhRFahGswQmzS8yjtf0BsdurV9Bsz5cM+fITy2fBTqIfldRXjzw/USgssOf"
            + "5IwUR7wISa307VC+YO0Z0yQNhXQvSI9SpZ6kY2F1BnUwALxo50Y9V+GVOILHhR4QF4SqYESDV+dIF1N+zxE8jHyC/Tx+jVqk63GkWnHfeN6JFTg"
            + "adIr1rJtA1eB0FWJ4Nrp8m8649eXig1P2GDGpw==";

    static byte[] payContent() {
        return SignedContent.of("POST", PAY_URI, CLIENT_ID, REQUEST_TIME, PAY_BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void payContentIsExactlyTheBytesOpensslSigned() throws Exception {
        byte[] content = payContent();
        assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "POST /ams/api/v1/payments/pay\nSANDBOX_5YEXAMPLE0000124.1685599933871." + PAY_BODY);
        assertThat(content).hasSize(745);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .isEqualTo(PAY_CONTENT_SHA256);
    }

    @Test
    void signingThePayContentGivesOpensslsSignature() {
        assertThat(RsaSigner.sign(TestKeys.privateKey(), payContent())).isEqualTo(PAY_SIGNATURE);
    }

    @Test
    void opensslsSignatureVerifies() {
        assertThat(RsaSigner.verify(TestKeys.publicKey(), payContent(), PAY_SIGNATURE)).isTrue();
    }

    @Test
    void theSignatureHeaderIsTheKnownOne() {
        assertThat(SignatureHeader.rsa256("1", PAY_SIGNATURE).format()).isEqualTo(PAY_SIGNATURE_HEADER);
        assertThat(SignatureHeader.parse(PAY_SIGNATURE_HEADER)).contains(SignatureHeader.rsa256("1", PAY_SIGNATURE));
    }

    @Test
    void messageSignerProducesTheKnownHeader() {
        MessageSigner merchant = new MessageSigner(CLIENT_ID, "1", TestKeys.privateKey());
        assertThat(merchant.sign("POST", PAY_URI, REQUEST_TIME, PAY_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PAY_SIGNATURE_HEADER);
    }

    @Test
    void messageSignerCanSignUnderAnotherClientId() {
        // a wallet answers the gateway signing with the gateway's Client-Id, as it received it
        MessageSigner wallet = new MessageSigner("WALLET_1", "1", TestKeys.privateKey());
        assertThat(wallet.sign("POST", PAY_URI, CLIENT_ID, REQUEST_TIME, PAY_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PAY_SIGNATURE_HEADER);
        assertThat(wallet.toString()).doesNotContain(TestKeys.PRIVATE_PKCS8_BASE64.substring(0, 40));
    }

    @Test
    void utf8BodyAndIsoTimeGiveOpensslsSignature() {
        byte[] content = SignedContent.of("POST", NOTIFY_URI, CLIENT_ID, NOTIFY_TIME, NOTIFY_BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(RsaSigner.sign(TestKeys.privateKey(), content)).isEqualTo(NOTIFY_SIGNATURE);
        assertThat(RsaSigner.verify(TestKeys.publicKey(), content, NOTIFY_SIGNATURE)).isTrue();
    }

    @Test
    void theSameTextInAnotherEncodingDoesNotVerify() {
        byte[] latin1 = SignedContent.of("POST", NOTIFY_URI, CLIENT_ID, NOTIFY_TIME,
                "{\"orderDescription\":\"Café crème\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(RsaSigner.verify(TestKeys.publicKey(), latin1, NOTIFY_SIGNATURE)).isFalse();
    }
}
