package dev.scanpay.core.api.legacy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services of {@code /gateway.do} this gateway serves, each with the parameters it cannot do without.
 * {@code service} and {@code partner} are common to all; {@code sign} and {@code sign_type} are checked by
 * {@link LegacySignature}, whose own errors (ILLEGAL_SIGN, ILLEGAL_SIGN_TYPE) they get.
 */
public enum LegacyService {

    // §8.3: the table marks only notify_url and memo optional; of the rest, these are what a charge needs
    // (the descriptive ones, quantity, identity_code_type, trans_create_time, biz_product, extend_info, are
    // kept and signed but not demanded; see package-info)
    SPOT_PAY("alipay.acquire.overseas.spot.pay",
            Set.of("partner_trans_id", "trans_name", "currency", "trans_amount", "buyer_identity_code"),
            List.of()),
    // §8.4: "partner_trans_id and/or alipay_trans_id"
    QUERY("alipay.acquire.overseas.query",
            Set.of(),
            List.of(Set.of("partner_trans_id", "alipay_trans_id"))),
    // §8.5: "out_trade_no (= partner_trans_id) or trade_no (= alipay_trans_id), timestamp (ms, required)"
    CANCEL("alipay.acquire.cancel",
            Set.of("timestamp"),
            List.of(Set.of("out_trade_no", "trade_no"))),
    // §8.6: partner_trans_id (Y), partner_refund_id (Y), currency (Y), and the refund_amount being refunded
    SPOT_REFUND("alipay.acquire.overseas.spot.refund",
            Set.of("partner_trans_id", "partner_refund_id", "refund_amount", "currency"),
            List.of()),
    // §8.2: "optional notify_verify check with notify_id"; issue 11 item 5: clients send
    // service=notify_verify&partner=...&notify_id=... unsigned and read the text true or false
    NOTIFY_VERIFY("notify_verify",
            Set.of("notify_id"),
            List.of());

    /** Every service's request carries these (§8.3: service, partner). */
    public static final Set<String> COMMON_REQUIRED = Set.of("service", "partner");

    private final String wireName;
    private final Set<String> required;
    private final List<Set<String>> atLeastOneOf;

    LegacyService(String wireName, Set<String> required, List<Set<String>> atLeastOneOf) {
        this.wireName = wireName;
        this.required = required;
        this.atLeastOneOf = atLeastOneOf;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Whether requests of this service carry a signature (§8.2). notify_verify does not: it only asks whether the
     * gateway sent a notify_id, which the notification itself, signed, told the partner.
     */
    public boolean signed() {
        return this != NOTIFY_VERIFY;
    }

    /** Parameters that must be present with a non-empty value, beyond {@link #COMMON_REQUIRED}. */
    public Set<String> required() {
        return required;
    }

    /** Groups of parameters of which at least one each must be present (§8.4, §8.5: "and/or", "or"). */
    public List<Set<String>> atLeastOneOf() {
        return atLeastOneOf;
    }

    /** The service a {@code service} parameter names, matched exactly (the names are lower case on the wire). */
    public static Optional<LegacyService> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    /**
     * The service of a request whose parameters are all present.
     *
     * @throws LegacyRefusal ILLEGAL_ARGUMENT when service is missing, ILLEGAL_EXTERFACE when it names no service
     *                       served here (§8.3), ILLEGAL_ARGUMENT when a parameter the service needs is missing
     */
    public static LegacyService of(Map<String, String> params) {
        String name = params.get("service");
        if (name == null || name.isEmpty()) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "service is missing");
        }
        LegacyService service = fromWireName(name).orElseThrow(
                () -> new LegacyRefusal(LegacyError.ILLEGAL_EXTERFACE, "service is not served here"));
        service.requireParameters(params);
        return service;
    }

    /** @throws LegacyRefusal ILLEGAL_ARGUMENT naming the first missing parameter, in name order */
    public void requireParameters(Map<String, String> params) {
        Optional<String> missing = java.util.stream.Stream.concat(COMMON_REQUIRED.stream(), required.stream())
                .filter(name -> isBlank(params.get(name)))
                .sorted()
                .findFirst();
        if (missing.isPresent()) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, missing.get() + " is missing");
        }
        for (Set<String> group : atLeastOneOf) {
            if (group.stream().allMatch(name -> isBlank(params.get(name)))) {
                throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT,
                        "one of " + String.join(", ", group.stream().sorted().toList()) + " is needed");
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
