package dev.scanpay.core.config;

import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the legacy partners' MD5 keys come from, as the gateway key does ({@link GatewayKeyLoader}, both through {@link StoredSecret}): a Secrets
 * Manager secret in the cloud ({@code SCANPAY_LEGACY_MD5_KEYS_SECRET_ID}), a file locally, or a property in tests.
 * Each holds one JSON object {@code {"2088...": "<md5Key>", ...}}. None of the three: no partner signs with MD5.
 * Nothing here ever logs a key (a malformed secret is reported without its text).
 */
public final class LegacyMd5KeyLoader {

    private LegacyMd5KeyLoader() {
    }

    public static LegacyMd5Keys load(GatewayConfig config, Json json) {
        String secretId = config.legacyMd5KeysSecretId();
        String file = config.legacyMd5KeysFile();
        Optional<byte[]> stored = StoredSecret.read(secretId, file, "the legacy MD5 keys");
        if (stored.isPresent()) {
            return parse(json, stored.get(), StoredSecret.source(secretId, file));
        }
        if (config.legacyMd5KeysJson() != null) {
            return parse(json, config.legacyMd5KeysJson().getBytes(StandardCharsets.UTF_8), "property");
        }
        return LegacyMd5Keys.NONE;
    }

    static LegacyMd5Keys parse(Json json, byte[] bytes, String source) {
        Map<String, Object> object;
        try {
            object = json.parseObject(bytes);
        } catch (RuntimeException e) {
            // never the exception's message: it may quote the secret's text
            throw new IllegalStateException("the legacy MD5 keys " + source + " is not a JSON object");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        object.forEach((partner, key) -> {
            if (!(key instanceof String text)) {
                throw new IllegalStateException("the legacy MD5 keys " + source + ": partner " + partner + " has no string key");
            }
            keys.put(partner, text);
        });
        return LegacyMd5Keys.of(keys);
    }
}
