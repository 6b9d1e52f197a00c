package dev.scanpay.simulator;

/** How an answer leaves the simulator: the ways a real wallet's answer can reach (or fail to reach) a gateway. */
enum Delivery {
    /** HTTP 200, Response-Time and a Signature that verifies. */
    SIGNED,
    /** HTTP 200 with a well-formed Signature over different bytes, so it does not verify. */
    BAD_SIGNATURE,
    /** HTTP 200 without Signature and Response-Time. */
    UNSIGNED,
    /** HTTP 500 with a small unsigned body. */
    HTTP_500,
    /** Nothing: the connection is held for the hang duration, then closed. */
    NO_ANSWER;

    static Delivery of(Behaviour behaviour) {
        if (behaviour == null) {
            return SIGNED;
        }
        switch (behaviour) {
            case NO_ANSWER:
                return NO_ANSWER;
            case SERVER_ERROR:
                return HTTP_500;
            case BAD_SIGNATURE:
                return BAD_SIGNATURE;
            case UNSIGNED:
                return UNSIGNED;
            default:
                return SIGNED;
        }
    }
}
