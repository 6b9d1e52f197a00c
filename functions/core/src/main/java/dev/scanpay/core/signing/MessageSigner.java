package dev.scanpay.core.signing;

import java.security.PrivateKey;

/**
 * Signs messages as one party (the gateway, a wallet, a merchant): the same scheme for requests,
 * responses and notifications in every direction.
 */
public final class MessageSigner {

    private final String clientId;
    private final String keyVersion;
    private final PrivateKey privateKey;

    public MessageSigner(String clientId, String keyVersion, PrivateKey privateKey) {
        this.clientId = clientId;
        this.keyVersion = keyVersion;
        this.privateKey = privateKey;
    }

    public String clientId() {
        return clientId;
    }

    public String keyVersion() {
        return keyVersion;
    }

    /** The Signature header value for a message this party sends under {@code asClientId}. */
    public String sign(String method, String uri, String asClientId, String time, byte[] body) {
        String signature = RsaSigner.sign(privateKey, SignedContent.of(method, uri, asClientId, time, body));
        return SignatureHeader.rsa256(keyVersion, signature).format();
    }

    public String sign(String method, String uri, String time, byte[] body) {
        return sign(method, uri, clientId, time, body);
    }

    @Override
    public String toString() {
        return "MessageSigner[clientId=" + clientId + ", keyVersion=" + keyVersion + "]";
    }
}
