package dev.scanpay.local;

/** The local stack cannot start for a reason the user can fix; printed as one line, no stack trace. */
final class StartupFailure extends RuntimeException {
    StartupFailure(String message) {
        super(message, null, false, false);
    }
}
