package dev.scanpay.core.api.legacy;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code /gateway.do} request as parsed by {@link LegacyRequestParser}: every parameter, decoded, in key order,
 * including ones this gateway does not know (they are signed: issue 11 item 5), and the charset the request was
 * decoded with, which its signature content and its answer use too.
 */
public record LegacyRequest(SortedMap<String, String> params, Charset charset) {

    public LegacyRequest {
        Objects.requireNonNull(charset, "charset");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(params, "params")));
    }

    /** The parameter's decoded value, or null when it was not sent. */
    public String get(String name) {
        return params.get(name);
    }

    /** The parameter's value, or null when it was not sent or sent empty (empty values are not signed, §8.2). */
    public String nonEmpty(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public Map<String, String> asMap() {
        return params;
    }
}
