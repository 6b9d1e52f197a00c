package dev.scanpay.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Protocol §2.1 / §2.3: {@code algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>}. */
class SignatureHeaderTest {

    /** Standard-alphabet base64 with every character URL-encoding changes: '+', '/' and '=' padding. */
    static final String BASE64 = "ab+c/d+e/f==";

    @Test
    void formatUrlEncodesTheBase64() {
        assertThat(SignatureHeader.rsa256("1", BASE64).format())
                .isEqualTo("algorithm=RSA256,keyVersion=1,signature=ab%2Bc%2Fd%2Be%2Ff%3D%3D");
    }

    @Test
    void formatThenParseRoundTrips() {
        SignatureHeader header = SignatureHeader.rsa256("1", BASE64);
        assertThat(SignatureHeader.parse(header.format())).contains(header);
    }

    @Test
    void parseUrlDecodesTheSignature() {
        assertThat(SignatureHeader.parse("algorithm=RSA256,keyVersion=0,signature=ab%2Bc%2Fd%2Be%2Ff%3D%3D"))
                .contains(new SignatureHeader("RSA256", "0", BASE64));
    }

    @Test
    void parseToleratesSpacesAfterCommas() {
        assertThat(SignatureHeader.parse("algorithm=RSA256, keyVersion=1, signature=ab%2Bc%2Fd%2Be%2Ff%3D%3D"))
                .contains(new SignatureHeader("RSA256", "1", BASE64));
    }

    @Test
    void parseDoesNotDependOnOrder() {
        assertThat(SignatureHeader.parse("signature=ab%2Bc%2Fd%2Be%2Ff%3D%3D,keyVersion=2,algorithm=RSA256"))
                .contains(new SignatureHeader("RSA256", "2", BASE64));
    }

    @Test
    void parseIgnoresUnknownParts() {
        assertThat(SignatureHeader.parse("algorithm=RSA256,keyVersion=1,foo=bar,junk,signature=YWJj"))
                .contains(new SignatureHeader("RSA256", "1", "YWJj"));
    }

    @Test
    void parseAcceptsAMissingKeyVersion() {
        Optional<SignatureHeader> header = SignatureHeader.parse("algorithm=RSA256,signature=YWJj");
        assertThat(header).isPresent();
        assertThat(header.get().keyVersion()).isNull();
        assertThat(header.get().signatureBase64()).isEqualTo("YWJj");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "algorithm=RSA256,keyVersion=1",
            "algorithm=RSA256,keyVersion=1,signature=",
            "algorithm=RSA256,keyVersion=1,signature",
            "keyVersion=1,signature=YWJj",
            "YWJj",
            " "})
    @NullAndEmptySource
    void parseRejectsAHeaderWithoutAlgorithmOrSignature(String header) {
        assertThat(SignatureHeader.parse(header)).isEmpty();
    }

    @Test
    void parseKeepsAnUnsupportedAlgorithmForTheCallerToRefuse() {
        assertThat(SignatureHeader.parse("algorithm=RSA,keyVersion=1,signature=YWJj"))
                .map(SignatureHeader::algorithm).contains("RSA");
    }

    @Test
    void parseRejectsAMalformedPercentEscapeWithoutThrowing() {
        // from a merchant this must become SIGNATURE_INVALID, not a 500; from a wallet, an unverified answer
        assertThat(SignatureHeader.parse("algorithm=RSA256,keyVersion=1,signature=YWJj%ZZ")).isEmpty();
        assertThat(SignatureHeader.parse("algorithm=RSA256,keyVersion=1,signature=YWJj%")).isEmpty();
    }
}
