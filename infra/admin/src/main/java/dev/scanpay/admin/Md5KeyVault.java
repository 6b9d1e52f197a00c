package dev.scanpay.admin;

import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The legacy partners' MD5 keys, one JSON object {@code {"2088...": "<md5Key>"}} kept where the gateway reads it
 * (Secrets Manager in AWS, {@code DIR/legacy-md5-keys.json} locally), never in the table. Keys are written,
 * never shown: nothing here returns one.
 */
abstract class Md5KeyVault {

    private static final Json JSON = Json.standalone();

    /** The stored JSON, or null when there is none yet. */
    protected abstract byte[] read();

    protected abstract void write(byte[] json);

    /** Where the keys are, for messages. */
    abstract String where();

    boolean has(String partner) {
        return keys().containsKey(partner);
    }

    /** Sets {@code partner}'s key, keeping every other partner's; the result is checked as the gateway checks it. */
    void put(String partner, String md5Key) {
        Map<String, String> keys = keys();
        keys.put(partner, md5Key);
        LegacyMd5Keys.of(keys);
        write(JSON.write(keys));
    }

    private Map<String, String> keys() {
        byte[] stored = read();
        Map<String, String> keys = new LinkedHashMap<>();
        if (stored != null && stored.length > 0) {
            JSON.parseObject(stored).forEach((partner, key) -> {
                if (key instanceof String text) {
                    keys.put(partner, text);
                }
            });
        }
        return keys;
    }
}
