package dev.scanpay.admin;

/** An admin command refused: bad input, or a record that is not there. Nothing was written. */
final class AdminRefusal extends RuntimeException {

    AdminRefusal(String message) {
        super(message);
    }
}
