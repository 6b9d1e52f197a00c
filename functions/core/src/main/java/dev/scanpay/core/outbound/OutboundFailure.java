package dev.scanpay.core.outbound;

/**
 * Why an outbound call did not get the answer it needed, as a category: what is stored, shown to a
 * merchant ({@code lastProblem} in resend and listUndelivered) and logged. Never the network's own words,
 * which would tell a merchant what lies behind an address it chose.
 */
public enum OutboundFailure {
    /** The whole exchange (connect, send, headers, body) did not finish within its deadline. */
    TIMEOUT,
    /** No connection or no complete answer: refused, reset, unknown host, TLS failure. */
    CONNECTION_FAILED,
    /** The URL or an address its host resolved to is one the gateway never calls. */
    REFUSED_DESTINATION,
    /** The answer was longer than the gateway reads. */
    ANSWER_TOO_LARGE,
    /** A redirect, which is never followed. */
    HTTP_3XX,
    HTTP_4XX,
    HTTP_5XX,
    /** HTTP 200 with a well-formed answer that does not acknowledge (a result other than S), or another 1xx/2xx status. */
    NOT_ACKNOWLEDGED,
    /** HTTP 200 with a body that is not the protocol's answer, or not signed as it must be. */
    BAD_ANSWER,
    /**
     * The gateway could not make the request at all (a legacy partner without an MD5 key to sign with, say): nothing
     * left the gateway. An attempt all the same, so a fault of ours ends on the schedule like any other.
     */
    NOT_SENT;

    /** The category of a status other than 200. */
    public static OutboundFailure ofStatus(int status) {
        if (status >= 500) {
            return HTTP_5XX;
        }
        if (status >= 400) {
            return HTTP_4XX;
        }
        if (status >= 300) {
            return HTTP_3XX;
        }
        return NOT_ACKNOWLEDGED;
    }
}
