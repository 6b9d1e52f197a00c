package dev.scanpay.core.protocol;

import dev.scanpay.core.money.Money;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a parsed JSON object strictly, naming the full path of any field that is missing or malformed
 * (PARAM_ILLEGAL "order.orderAmount.value must be ..."), so integrators can fix a request without guessing.
 * AMS sends every scalar as a string; amounts also accept a JSON integer, as some clients send them.
 */
public final class Fields {

    private final Map<String, Object> object;
    private final String path;

    private Fields(Map<String, Object> object, String path) {
        this.object = object;
        this.path = path;
    }

    public static Fields root(Map<String, Object> object) {
        return new Fields(object, "");
    }

    public String path(String name) {
        return path + name;
    }

    public boolean has(String name) {
        return object.get(name) != null;
    }

    public String string(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> ProtocolException.paramIllegal(path(name), "is required"));
    }

    public Optional<String> optionalString(String name, int maxLength) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ProtocolException.paramIllegal(path(name), "must be a string");
        }
        if (text.isEmpty()) {
            // AMS: optional fields are omitted or null, never ""; a required one cannot be empty
            throw ProtocolException.paramIllegal(path(name), "must not be empty");
        }
        if (text.length() > maxLength) {
            throw ProtocolException.paramIllegal(path(name), "is longer than " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    /** An optional ISO 8601 time with an offset, e.g. 2026-01-01T12:00:00+08:00. */
    public Optional<java.time.Instant> optionalTime(String name) {
        return optionalString(name, 64).map(value -> {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw ProtocolException.paramIllegal(path(name), "must be ISO 8601 with offset, e.g. 2026-01-01T12:00:00+08:00");
            }
        });
    }

    /** An optional http or https URL with a host (notify and redirect URLs). */
    public Optional<String> optionalHttpUrl(String name, int maxLength) {
        Optional<String> url = optionalString(name, maxLength);
        url.filter(value -> !isHttpUrl(value)).ifPresent(value -> {
            throw ProtocolException.paramIllegal(path(name), "must be an http or https URL");
        });
        return url;
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = java.net.URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Fields object(String name) {
        return optionalObject(name).orElseThrow(() -> ProtocolException.paramIllegal(path(name), "is required"));
    }

    @SuppressWarnings("unchecked")
    public Optional<Fields> optionalObject(String name) {
        Object value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ProtocolException.paramIllegal(path(name), "must be an object");
        }
        return Optional.of(new Fields((Map<String, Object>) map, path(name) + "."));
    }

    /** An AMS Amount: {currency: ISO 4217, value: minor units as a string}. */
    public Money amount(String name) {
        Fields amount = object(name);
        String currency = amount.string("currency", 3);
        Object raw = amount.object.get("value");
        String value;
        if (raw instanceof String s) {
            value = s;
        } else if (raw instanceof Integer || raw instanceof Long) {
            value = raw.toString();
        } else if (raw == null) {
            throw ProtocolException.paramIllegal(amount.path("value"), "is required");
        } else {
            throw ProtocolException.paramIllegal(amount.path("value"), "must be a string of minor units");
        }
        if (!value.matches("\\d{1,18}")) {
            throw ProtocolException.paramIllegal(amount.path("value"), "must be a whole number of minor units");
        }
        long minor = Long.parseLong(value);
        try {
            return Money.of(minor, currency);
        } catch (Money.UnsupportedCurrency e) {
            throw new ProtocolException(ResultCode.CURRENCY_NOT_SUPPORT, amount.path("currency") + " " + currency
                    + " is not a currency in use (withdrawn, or a funds code)");
        } catch (IllegalArgumentException e) {
            throw ProtocolException.paramIllegal(amount.path("currency"), "is not an ISO 4217 payment currency");
        }
    }

    public Map<String, Object> raw() {
        return object;
    }
}
