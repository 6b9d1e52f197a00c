package dev.scanpay.codes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an application/x-www-form-urlencoded body as the framework binds it to a Map: the Lambda
 * handler gives every field as a list of its values, Netty (the local stack) a single field as its value.
 * Either way each field becomes its first value; a field without one is left out, as if not sent.
 */
final class FormFields {

    private FormFields() {
    }

    static Map<String, String> of(Map<String, Object> body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null) {
            return fields;
        }
        body.forEach((name, value) -> {
            Object first = value instanceof List<?> values ? (values.isEmpty() ? null : values.get(0)) : value;
            if (first instanceof CharSequence text) {
                fields.put(name, text.toString());
            }
        });
        return fields;
    }
}
