package dev.scanpay.core.testing;

import dev.scanpay.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMS request bodies from the fixtures under src/test/resources/ams, parsed by the gateway's own JSON reader
 * and then editable by dotted path, so a test reads "the §3.1 example without order.merchant.store.storeMCC".
 */
public final class AmsBodies {

    private static final Json JSON = Json.standalone();

    private final Map<String, Object> body;

    private AmsBodies(Map<String, Object> body) {
        this.body = body;
    }

    /** The UPM pay request of protocol §3.1. */
    public static AmsBodies upmPay() {
        return fromResource("ams/pay-upm.json");
    }

    public static AmsBodies fromResource(String path) {
        return new AmsBodies(mutableCopy(JSON.parseObject(TestResources.bytes(path))));
    }

    public AmsBodies without(String path) {
        parentOf(path).remove(leaf(path));
        return this;
    }

    public AmsBodies with(String path, Object value) {
        parentOf(path).put(leaf(path), value);
        return this;
    }

    public Map<String, Object> map() {
        return body;
    }

    public byte[] bytes() {
        return JSON.write(body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parentOf(String path) {
        String[] names = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < names.length - 1; i++) {
            Object child = node.get(names[i]);
            if (!(child instanceof Map)) {
                throw new IllegalArgumentException("no object at " + names[i] + " in " + path);
            }
            node = (Map<String, Object>) child;
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutableCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((name, value) -> copy.put(name, mutableValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object mutableValue(Object value) {
        if (value instanceof Map) {
            return mutableCopy((Map<String, Object>) value);
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<Object>) value).forEach(v -> list.add(mutableValue(v)));
            return list;
        }
        return value;
    }
}
