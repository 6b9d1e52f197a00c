package dev.scanpay.core.outbound;

import dev.scanpay.core.protocol.ProtocolException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where the gateway may call: http(s) only (https only unless the deployment says otherwise), and never an
 * address inside the gateway's own network ({@link RefusedRanges}), loopback included unless the deployment
 * allows it (the local stack and tests do; Lambda never). Applied twice: to the URL as written, when a
 * merchant gives it (a literal host in any spelling the system resolver would accept), and to every address
 * its host resolves to, when the call is made ({@link OutboundHttp}).
 */
public final class DestinationRules {

    /**
     * Every spelling that some resolver reads as an IPv4 address: inet_aton's decimal, octal and hex parts,
     * 1 to 4 of them ({@code 2852039166}, {@code 0251.0376.0251.0376}, {@code 0xa9fea9fe}, {@code 169.254.43518}),
     * and IPv6 with embedded IPv4 or a zone. Masks, prefixes and wildcards are not addresses.
     */
    private static final IPAddressStringParameters LITERALS;

    static {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowPrefix(false).allowMask(false).allowWildcardedSeparator(false)
                .allowSingleSegment(true);
        builder.getIPv4AddressParametersBuilder()
                .allow_inet_aton(true).allow_inet_aton_hex(true).allow_inet_aton_octal(true)
                .allow_inet_aton_joined_segments(true).allow_inet_aton_leading_zeros(true).allowLeadingZeros(true);
        LITERALS = builder.toParams();
    }

    private static final IPAddressNetwork.IPAddressGenerator FROM_INET = new IPAddressNetwork.IPAddressGenerator();

    private final boolean allowLoopback;
    private final boolean requireHttps;

    public DestinationRules(boolean allowLoopback, boolean requireHttps) {
        this.allowLoopback = allowLoopback;
        this.requireHttps = requireHttps;
    }

    /** The rules of a deployment: loopback refused, https required. */
    public static DestinationRules deployed() {
        return new DestinationRules(false, true);
    }

    /**
     * At request time: a notify URL the gateway would refuse to call is PARAM_ILLEGAL naming {@code field};
     * the problem said is the rule broken, never where the URL leads.
     */
    public void requireAllowed(String field, String url) {
        refusalOf(url).ifPresent(problem -> {
            throw ProtocolException.paramIllegal(field, problem);
        });
    }

    /** Why {@code url} may not be called, judging by what it says (scheme and literal host), or empty. */
    public Optional<String> refusalOf(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            return Optional.of("must be an http or https URL");
        }
        if (requireHttps && !parsed.isHttps()) {
            return Optional.of("must be an https URL");
        }
        String host = parsed.host();
        Optional<IPAddress> literal = literal(host);
        if (literal.isPresent()) {
            return refusalOf(literal.get()).map(range -> "must not name an address in a private or reserved range");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (!allowLoopback && (name.equals("localhost") || name.endsWith(".localhost")
                || name.equals("localhost.") || name.endsWith(".localhost."))) {
            return Optional.of("must not name the gateway's own host");
        }
        return Optional.empty();
    }

    /** At send time, for each address the host resolved to: the refused range it is in, or empty. */
    public Optional<String> refusalOf(InetAddress address) {
        return refusalOf(FROM_INET.from(address));
    }

    private Optional<String> refusalOf(IPAddress address) {
        if (allowLoopback && RefusedRanges.isLoopback(address)) {
            return Optional.empty();
        }
        return RefusedRanges.rangeOf(address);
    }

    /** The address a host names literally, in any spelling a resolver would take (a trailing dot too). */
    static Optional<IPAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        if (bare.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(new IPAddressString(bare, LITERALS).getAddress());
    }
}
