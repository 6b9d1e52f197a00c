package dev.scanpay.core.store;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small readers and writers between Java values and DynamoDB attributes; absent attributes read as null. */
final class Attrs {

    private Attrs() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static void putS(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static void putN(Map<String, AttributeValue> item, String name, Long value) {
        if (value != null) {
            item.put(name, n(value));
        }
    }

    static void putTime(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, n(value.toEpochMilli()));
        }
    }

    static void putEnum(Map<String, AttributeValue> item, String name, Enum<?> value) {
        if (value != null) {
            item.put(name, s(value.name()));
        }
    }

    /** A map of strings (public keys by keyVersion) as a DynamoDB map attribute. */
    static AttributeValue stringMap(Map<String, String> values) {
        Map<String, AttributeValue> m = new java.util.HashMap<>();
        values.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }

    static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        Map<String, String> m = new java.util.HashMap<>();
        value.m().forEach((k, v) -> m.put(k, v.s()));
        return m;
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Instant time(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    static <E extends Enum<E>> E enumValue(Map<String, AttributeValue> item, String name, Class<E> type) {
        String value = str(item, name);
        return value == null ? null : Enum.valueOf(type, value);
    }
}
