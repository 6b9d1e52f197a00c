package dev.scanpay.core.model.client;

/** A merchant acts for itself; an ISV acts for the merchants listed on its record. */
public enum ClientKind {
    MERCHANT, ISV
}
