package dev.scanpay.core.rules;

/** A write whose move is not an edge of its record's machine: refused before anything is sent to the store. */
public final class UndeclaredEdgeException extends IllegalStateException {

    public UndeclaredEdgeException(String message) {
        super(message);
    }
}
