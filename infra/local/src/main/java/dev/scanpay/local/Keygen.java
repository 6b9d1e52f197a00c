package dev.scanpay.local;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.signing.RsaKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/** Makes an RSA 2048 key pair for a merchant: the private key stays with it, the public file gets registered. */
final class Keygen {

    private Keygen() {
    }

    static void run(Args args) throws Exception {
        Path out = Path.of(args.required("out")).toAbsolutePath();
        KeyPair keys = RsaKeys.generate();
        new LocalFiles(out.getParent()).write(out, JsonObject.create()
                .put("privateKey", RsaKeys.encode(keys.getPrivate()))
                .put("publicKey", RsaKeys.encode(keys.getPublic()))
                .build());
        Path publicFile = out.resolveSibling(out.getFileName() + ".pub");
        Files.writeString(publicFile, RsaKeys.encode(keys.getPublic()) + "\n");
        System.out.println("Private and public key: " + out + " (keep it secret)");
        System.out.println("Public key to register: " + publicFile);
    }
}
