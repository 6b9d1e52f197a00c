package dev.scanpay.simulator;

/** A request the control API refuses: becomes {@code {"error": message}} with the status, never a stack trace. */
final class HttpProblem extends RuntimeException {

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
