package dev.scanpay.core.model.code;

/** An order code belongs to one payment and expires with it; an entry code is a store's static code. */
public enum CodeKind {
    ORDER, ENTRY
}
