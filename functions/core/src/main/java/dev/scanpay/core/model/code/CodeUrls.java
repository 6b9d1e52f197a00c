package dev.scanpay.core.model.code;

/**
 * Where issued codes live on the gateway's public base URL: the code value a QR carries (a plain phone
 * camera opens it as a page that says to use a wallet) and its rendered images.
 */
public final class CodeUrls {

    private final String publicUrl;

    public CodeUrls(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String codeValue(String token) {
        return publicUrl + "/c/" + token;
    }

    /** {@code size} is small, middle or big: AMS's SMALLIMAGE, MIDDLEIMAGE, BIGIMAGE. */
    public String image(String token, String size) {
        return publicUrl + "/qr/" + token + ".png?size=" + size;
    }

    /** The token inside one of our code values, if it is one. */
    public java.util.Optional<String> tokenOf(String codeValue) {
        String prefix = publicUrl + "/c/";
        if (codeValue == null || !codeValue.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String token = codeValue.substring(prefix.length());
        return CodeTokens.isWellFormed(token) ? java.util.Optional.of(token) : java.util.Optional.empty();
    }
}
