package dev.scanpay.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A secret's bytes from where the settings name it: a Secrets Manager secret in the cloud, else a file (the local
 * stack's). The gateway key and the legacy MD5 keys are both read this way; neither the bytes nor an exception
 * quoting them is ever logged here.
 */
final class StoredSecret {

    private StoredSecret() {
    }

    /** The secret's bytes, or empty when neither a secret id nor a file is set. */
    static Optional<byte[]> read(String secretId, String file, String what) {
        if (secretId != null) {
            try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                return Optional.of(secrets.getSecretValue(b -> b.secretId(secretId)).secretString()
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        if (file != null) {
            try {
                return Optional.of(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + what + " file " + file, e);
            }
        }
        return Optional.empty();
    }

    /** Where {@link #read} took it from, for messages that must not quote it. */
    static String source(String secretId, String file) {
        return secretId != null ? "secret " + secretId : "file " + file;
    }
}
