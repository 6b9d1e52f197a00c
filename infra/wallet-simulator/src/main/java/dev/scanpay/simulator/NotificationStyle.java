package dev.scanpay.simulator;

import java.util.Optional;

/** How the wallet sends one planned notifyPayment: the ways a real wallet's callback can go wrong, or not. */
enum NotificationStyle {
    /** Once, signed with the wallet's key. */
    SIGNED("SUCCESS", 1, GatewayCall.Signing.SIGNED),
    /** Twice, both signed: the gateway must take the second as a repeat. */
    DUPLICATE("DUPLICATE", 2, GatewayCall.Signing.SIGNED),
    /** Once, with a well-formed signature over other bytes: the gateway must refuse it. */
    BAD_SIGNATURE("BAD_SIGNATURE", 1, GatewayCall.Signing.BAD_SIGNATURE),
    /** Once, without a Signature header. */
    UNSIGNED("UNSIGNED", 1, GatewayCall.Signing.UNSIGNED);

    private final String label;
    private final int copies;
    private final GatewayCall.Signing signing;

    NotificationStyle(String label, int copies, GatewayCall.Signing signing) {
        this.label = label;
        this.copies = copies;
        this.signing = signing;
    }

    /** How a scan's behaviour notifies; empty for the behaviours whose callback is lost. */
    static Optional<NotificationStyle> forScan(Behaviour behaviour) {
        switch (behaviour) {
            case NO_ANSWER:
            case SERVER_ERROR:
                // a lost callback: the gateway has to find the payment by inquiryPayment
                return Optional.empty();
            case BAD_SIGNATURE:
                return Optional.of(BAD_SIGNATURE);
            case UNSIGNED:
                return Optional.of(UNSIGNED);
            case DUPLICATE_NOTIFY:
                return Optional.of(DUPLICATE);
            default:
                return Optional.of(SIGNED);
        }
    }

    /** The word a scan result uses for it: SUCCESS for a plain signed one, else the style's name. */
    String label() {
        return label;
    }

    int copies() {
        return copies;
    }

    GatewayCall.Signing signing() {
        return signing;
    }
}
