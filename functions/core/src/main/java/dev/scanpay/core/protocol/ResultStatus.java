package dev.scanpay.core.protocol;

/** S = success, F = failed and final, U = unknown or in process (never treat U as F). */
public enum ResultStatus {
    S, F, U
}
