package dev.scanpay.core.api.legacy;

/**
 * What a service made of an accepted request ({@code <response><alipay><result_code>}). The meaning is one set,
 * the spelling is each service's own, as the documentation spells it.
 */
public enum LegacyResultCode {
    SUCCESS,
    FAILED,
    /** Not known yet: the client queries, then cancels (§8.7). */
    UNKNOWN;

    /**
     * The {@code result_code} the service writes.
     *
     * @throws IllegalArgumentException for UNKNOWN on the query, whose documented codes are SUCCESS and FAIL only
     */
    public String wireValue(LegacyService service) {
        return switch (service) {
            // §8.3: "SUCCESS | FAILED | UNKNOW" (sic: the documented spelling, which clients match)
            case SPOT_PAY -> switch (this) {
                case SUCCESS -> "SUCCESS";
                case FAILED -> "FAILED";
                case UNKNOWN -> "UNKNOW";
            };
            // §8.4: "result_code SUCCESS/FAIL"; a transaction still waiting is SUCCESS with WAIT_BUYER_PAY
            case QUERY -> switch (this) {
                case SUCCESS -> "SUCCESS";
                case FAILED -> "FAIL";
                case UNKNOWN -> throw new IllegalArgumentException("the query has no unknown result");
            };
            // §8.5 cancel and §8.6 refund: "SUCCESS/FAIL/UNKNOWN"
            case CANCEL, SPOT_REFUND -> switch (this) {
                case SUCCESS -> "SUCCESS";
                case FAILED -> "FAIL";
                case UNKNOWN -> "UNKNOWN";
            };
            case NOTIFY_VERIFY -> throw new IllegalArgumentException("notify_verify answers true or false, not XML");
        };
    }
}
