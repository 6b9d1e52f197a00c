package dev.scanpay.core.api.legacy;

/** The cancel's {@code retry_flag} (§8.5: "Y may retry / N stop"). */
public enum LegacyRetryFlag {
    /** The cancel did not finish and may be sent again (§8.5). */
    Y,
    /** Sending the cancel again will not change the answer (§8.5). */
    N;

    public String wireValue() {
        return name();
    }
}
