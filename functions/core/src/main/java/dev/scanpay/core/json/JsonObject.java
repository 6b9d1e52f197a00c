package dev.scanpay.core.json;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a JSON object in field order, leaving out nulls (the protocols say omit, never send ""). */
public final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static JsonObject create() {
        return new JsonObject();
    }

    public JsonObject put(String name, Object value) {
        if (value instanceof JsonObject nested) {
            value = nested.build();
        }
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    public Map<String, Object> build() {
        return fields;
    }
}
