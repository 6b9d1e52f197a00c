package dev.scanpay.core.outbound;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;

/**
 * Addresses no outbound call may reach: IANA's special-purpose IPv4 and IPv6 registries, less the few
 * that are globally reachable. For IPv6 only global unicast (2000::/3) is allowed at all, which also
 * refuses every form that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96,
 * NAT64 64:ff9b::/96 and 64:ff9b:1::/48); inside 2000::/3, 6to4 and Teredo embed one too and are refused.
 */
final class RefusedRanges {

    private record Range(IPAddress block, String name) {
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "this network (unspecified)"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared address space (CGNAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata)"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation (TEST-NET-1)"),
            range("192.88.99.0/24", "6to4 relay anycast"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation (TEST-NET-2)"),
            range("203.0.113.0/24", "documentation (TEST-NET-3)"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved, and the limited broadcast 255.255.255.255"),
            range("::1/128", "loopback"),
            range("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
            range("2001:db8::/32", "documentation"),
            range("2002::/16", "6to4 (embeds an IPv4 address)"),
            range("3fff::/20", "documentation"));

    private static final IPAddress GLOBAL_UNICAST_V6 = new IPAddressString("2000::/3").getAddress().toPrefixBlock();
    private static final IPAddress LOOPBACK_V4 = new IPAddressString("127.0.0.0/8").getAddress().toPrefixBlock();
    private static final IPAddress LOOPBACK_V6 = new IPAddressString("::1").getAddress();

    private RefusedRanges() {
    }

    /** The name of the refused range {@code address} is in, or empty when it may be called. */
    static Optional<String> rangeOf(IPAddress address) {
        IPAddress plain = withoutZone(address);
        for (Range range : RANGES) {
            if (range.block().getIPVersion() == plain.getIPVersion() && range.block().contains(plain)) {
                return Optional.of(range.name());
            }
        }
        if (plain.isIPv6() && !GLOBAL_UNICAST_V6.contains(plain)) {
            return Optional.of("not IPv6 global unicast (link-local, unique-local, multicast, IPv4-mapped, NAT64, ...)");
        }
        return Optional.empty();
    }

    /** 127.0.0.0/8 or ::1 as written: the one range a local deployment may allow. */
    static boolean isLoopback(IPAddress address) {
        IPAddress plain = withoutZone(address);
        return plain.isIPv4() ? LOOPBACK_V4.contains(plain) : LOOPBACK_V6.equals(plain);
    }

    private static IPAddress withoutZone(IPAddress address) {
        return address.isIPv6() ? address.toIPv6().removeZone() : address;
    }

    private static Range range(String cidr, String name) {
        return new Range(new IPAddressString(cidr).getAddress().toPrefixBlock(), name);
    }
}
