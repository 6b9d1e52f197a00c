package dev.scanpay.core.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** SHA256withRSA over content bytes, base64 (standard alphabet) on the outside: Alipay's "RSA256". */
public final class RsaSigner {

    private RsaSigner() {
    }

    public static String sign(PrivateKey key, byte[] content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** False for any malformed or wrong signature; never throws for bad input. */
    public static boolean verify(PublicKey key, byte[] content, String signatureBase64) {
        if (key == null || content == null || signatureBase64 == null) {
            return false;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(signatureBase64);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(raw);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
