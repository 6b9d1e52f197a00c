package dev.scanpay.core.api.legacy;

import java.util.Objects;

/**
 * A request refused at the gateway level: answered with {@code is_success=F} and {@link #error()}. The
 * message is for the operator's log only; it never carries a key, a signature or the content signed.
 */
public final class LegacyRefusal extends RuntimeException {

    private final LegacyError error;

    public LegacyRefusal(LegacyError error, String detail) {
        super(error + ": " + detail, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public LegacyError error() {
        return error;
    }
}
