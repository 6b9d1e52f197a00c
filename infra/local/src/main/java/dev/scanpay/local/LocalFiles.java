package dev.scanpay.local;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Map;

/**
 * The files the local stack keeps under its data dir: key pairs that must survive a restart (so a
 * registered wallet or client stays valid) and the demo merchant's credentials.
 */
final class LocalFiles {

    static final Json JSON = Json.standalone();

    private final Path dir;

    LocalFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** A key pair stored as {"privateKey", "publicKey", "keyVersion"}; made on first use. */
    KeyPair keyPair(String name) {
        Path file = path(name);
        if (Files.exists(file)) {
            Map<String, Object> stored = read(file);
            PrivateKey privateKey = RsaKeys.privateKey((String) stored.get("privateKey"));
            return new KeyPair(RsaKeys.publicKeyOf(privateKey), privateKey);
        }
        KeyPair keys = RsaKeys.generate();
        write(file, JsonObject.create()
                .put("privateKey", RsaKeys.encode(keys.getPrivate()))
                .put("publicKey", RsaKeys.encode(keys.getPublic()))
                .put("keyVersion", "1")
                .build());
        return keys;
    }

    Map<String, Object> read(Path file) {
        try {
            return JSON.parseObject(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path file, Map<String, Object> content) {
        // private keys: owner-only where the file system allows it
        dev.scanpay.admin.OwnerOnlyFiles.write(file, JSON.write(content));
    }
}
