package dev.scanpay.core.config;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import java.util.Map;
import java.util.Optional;

/**
 * Where the gateway's signing key comes from: a Secrets Manager secret in the cloud, a file written by the
 * local stack, or a property in tests. Each holds {@code {"privateKey": "<base64 PKCS#8>", "keyVersion": "1"}}.
 * Nothing here ever logs the key.
 */
public final class GatewayKeyLoader {

    private GatewayKeyLoader() {
    }

    public static MessageSigner load(GatewayConfig config, Json json) {
        Optional<byte[]> stored = StoredSecret.read(config.keySecretId(), config.keyFile(), "gateway key");
        if (stored.isPresent()) {
            return fromJson(config, json.parseObject(stored.get()));
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
