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

    /** This party's public key, derived from its private one: what a receiver verifies its messages with. */
    public java.security.PublicKey publicKey() {
        return RsaKeys.publicKeyOf(privateKey);
    }

    /**
     * A bare signature, base64, over {@code content} with this party's key and the named JCA algorithm: for a
     * protocol that signs its own way (the legacy gateway's answers: SHA1withRSA or SHA256withRSA over the sorted
     * response fields). The key never leaves this class.
     */
    public String signRaw(String jcaAlgorithm, byte[] content) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance(jcaAlgorithm);
            signature.initSign(privateKey);
            signature.update(content);
            return java.util.Base64.getEncoder().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + jcaAlgorithm + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "MessageSigner[clientId=" + clientId + ", keyVersion=" + keyVersion + "]";
    }
}
