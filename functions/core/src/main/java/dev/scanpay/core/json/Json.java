package dev.scanpay.core.json;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Parses request bodies to plain maps and writes response bodies once, so the bytes signed are the bytes sent. */
public final class Json {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final JsonMapper mapper;

    public Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** For code outside a Micronaut context (the wallet simulator, tools). */
    public static Json standalone() {
        return new Json(JsonMapper.createDefault());
    }

    /** @throws MalformedJsonException when the bytes are not one JSON object */
    public Map<String, Object> parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedJsonException("empty body");
        }
        try {
            Map<String, Object> map = mapper.readValue(body, MAP);
            if (map == null) {
                throw new MalformedJsonException("body is not a JSON object");
            }
            return map;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedJsonException m) {
                throw m;
            }
            throw new MalformedJsonException("body is not a well-formed JSON object");
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }
}
