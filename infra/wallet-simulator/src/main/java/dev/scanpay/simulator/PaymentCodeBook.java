package dev.scanpay.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The payment codes the wallet has issued. A code is 18 digits starting with the wallet's prefix, valid
 * for {@link #LIFETIME} on the simulator clock (Alipay+ codes refresh about every minute), and used up by
 * the first pay that presents it while valid, whatever that pay's outcome. Guarded by the ledger's lock.
 */
final class PaymentCodeBook {

    static final int CODE_LENGTH = 18;
    static final Duration LIFETIME = Duration.ofSeconds(60);

    enum Verdict { ACCEPTED, UNKNOWN, EXPIRED, ALREADY_USED }

    record Use(Verdict verdict, String customerId) {
    }

    private final String prefix;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedCode> codes = new HashMap<>();

    PaymentCodeBook(String prefix) {
        this.prefix = prefix;
    }

    String issue(String customerId, Instant now) {
        String code;
        do {
            StringBuilder digits = new StringBuilder(prefix);
            while (digits.length() < CODE_LENGTH) {
                digits.append(random.nextInt(10));
            }
            code = digits.toString();
        } while (codes.containsKey(code));
        codes.put(code, new IssuedCode(customerId, now));
        return code;
    }

    /** Checks a code presented by the pay for {@code paymentRequestId} and, when it is good, uses it up. */
    Use use(String code, String paymentRequestId, Instant now) {
        IssuedCode issued = code == null ? null : codes.get(code);
        if (issued == null) {
            return new Use(Verdict.UNKNOWN, null);
        }
        if (issued.usedBy != null) {
            // the same pay repeated is handled by the ledger before it gets here
            return new Use(issued.usedBy.equals(paymentRequestId) ? Verdict.ACCEPTED : Verdict.ALREADY_USED, issued.customerId);
        }
        if (now.isAfter(issued.issuedAt.plus(LIFETIME))) {
            return new Use(Verdict.EXPIRED, issued.customerId);
        }
        issued.usedBy = paymentRequestId;
        return new Use(Verdict.ACCEPTED, issued.customerId);
    }

    private static final class IssuedCode {
        private final String customerId;
        private final Instant issuedAt;
        private String usedBy;

        private IssuedCode(String customerId, Instant issuedAt) {
            this.customerId = customerId;
            this.issuedAt = issuedAt;
        }
    }
}
