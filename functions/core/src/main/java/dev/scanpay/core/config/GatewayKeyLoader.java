package dev.scanpay.core.config;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the gateway's signing key comes from: a Secrets Manager secret in the cloud, a file written by the
 * local stack, or a property in tests. Each holds {@code {"privateKey": "<base64 PKCS#8>", "keyVersion": "1"}}.
 * Nothing here ever logs the key.
 */
public final class GatewayKeyLoader {

    private GatewayKeyLoader() {
    }

    public static MessageSigner load(GatewayConfig config, Json json) {
        if (config.keySecretId() != null) {
            try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                String secret = secrets.getSecretValue(b -> b.secretId(config.keySecretId())).secretString();
                return fromJson(config, json.parseObject(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        if (config.keyFile() != null) {
            try {
                return fromJson(config, json.parseObject(Files.readAllBytes(Path.of(config.keyFile()))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read gateway key file " + config.keyFile(), e);
            }
        }
        if (config.privateKey() != null) {
            return new MessageSigner(config.clientId(), config.keyVersion(), RsaKeys.privateKey(config.privateKey()));
        }
        throw new IllegalStateException("No gateway signing key: set scanpay.gateway.key.secret-id (SCANPAY_GATEWAY_KEY_SECRET_ID), "
                + "scanpay.gateway.key.file or scanpay.gateway.key.private-key");
    }

    private static MessageSigner fromJson(GatewayConfig config, Map<String, Object> key) {
        Object privateKey = key.get("privateKey");
        Object keyVersion = key.getOrDefault("keyVersion", config.keyVersion());
        if (!(privateKey instanceof String pk)) {
            throw new IllegalStateException("gateway key secret has no privateKey field");
        }
        return new MessageSigner(config.clientId(), String.valueOf(keyVersion), RsaKeys.privateKey(pk));
    }
}
