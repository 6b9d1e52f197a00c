package dev.scanpay.core.model.client;

import dev.scanpay.core.protocol.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a client's notifications may go: the notify URL prefixes registered with the client. One gateway
 * key signs every client's notifications, so without this list client A could name client B's endpoint as
 * its paymentNotifyUrl and deliver B a gateway-signed SUCCESS for A's own payment.
 *
 * <p>A URL is inside a prefix when its scheme and host are the prefix's (case-insensitively, exactly: no
 * suffix or subdomain match), its port is the prefix's (the scheme's default when absent), and its path
 * starts with the prefix's path at a segment boundary: {@code https://shop.example/notify} admits
 * {@code /notify} and {@code /notify/b2c}, not {@code /notify-evil}. Paths are compared segment by segment as
 * sent (no percent-decoding); a URL whose path has a dot segment ({@code .}, {@code ..}, also percent-encoded or
 * with path parameters, {@code ..;x}),
 * an encoded slash or a backslash is admitted by no prefix, since a server could resolve it outside the
 * prefix. A URL with user info ({@code https://shop.example@evil.net/}) or a fragment is admitted by none.
 * The query string is not compared: a merchant may put its order id there. Prefixes themselves carry no
 * query, fragment or user info.
 */
public final class NotifyUrlPrefixes {

    public static final NotifyUrlPrefixes NONE = new NotifyUrlPrefixes(List.of());

    private final List<Prefix> prefixes;

    private NotifyUrlPrefixes(List<Prefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** @throws IllegalArgumentException naming the first entry that is not an http(s) prefix */
    public static NotifyUrlPrefixes of(List<String> urls) {
        return new NotifyUrlPrefixes(urls.stream().map(NotifyUrlPrefixes::prefix).toList());
    }

    /**
     * The prefix that is a URL's own origin and path, for clients registered before prefixes existed: their
     * default URL (query and all) stays admitted, and nothing beside it.
     */
    public static NotifyUrlPrefixes covering(String url) {
        return parse(url).filter(u -> u.userInfo == null && safePath(u.segments))
                .map(u -> new NotifyUrlPrefixes(List.of(new Prefix(url, u))))
                .orElse(NONE);
    }

    /** Registered form: the prefixes as given. */
    public List<String> urls() {
        return prefixes.stream().map(Prefix::text).toList();
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    public boolean admits(String url) {
        return parse(url).filter(u -> u.userInfo == null && u.fragment == null && safePath(u.segments))
                .map(u -> prefixes.stream().anyMatch(p -> p.admits(u)))
                .orElse(false);
    }

    /**
     * The check a per-request notify URL gets where it is accepted: PARAM_ILLEGAL naming the field when it is
     * outside the client's list.
     */
    public void require(String field, String url) {
        if (url != null && !admits(url)) {
            throw ProtocolException.paramIllegal(field, isEmpty()
                    ? "is not accepted: no notify URL prefixes are registered for this client"
                    : "is not under a notify URL prefix registered for this client");
        }
    }

    private static Prefix prefix(String text) {
        Url url = parse(text).orElseThrow(() -> new IllegalArgumentException("notify URL prefix " + text + " is not an http(s) URL"));
        if (url.userInfo != null || url.fragment != null || url.query != null || !safePath(url.segments)) {
            throw new IllegalArgumentException("notify URL prefix " + text + " must have no user info, query, fragment or dot segments");
        }
        return new Prefix(text, url);
    }

    private record Prefix(String text, Url url) {
        boolean admits(Url candidate) {
            if (!url.scheme.equals(candidate.scheme) || !url.host.equals(candidate.host) || url.port != candidate.port) {
                return false;
            }
            List<String> mine = url.segments;
            if (mine.size() > candidate.segments.size()) {
                return false;
            }
            return candidate.segments.subList(0, mine.size()).equals(mine);
        }
    }

    /** The parts compared; {@code segments} are the path's non-empty segments as sent. */
    private record Url(String scheme, String userInfo, String host, int port, List<String> segments, String query,
                       String fragment) {
    }

    private static Optional<Url> parse(String text) {
        if (text == null || text.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            // getHost() is null for a host java.net.URI does not accept as a server name: refused, not guessed
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.isOpaque()) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
            return Optional.of(new Url(scheme, uri.getRawUserInfo(), uri.getHost().toLowerCase(Locale.ROOT), port, segments,
                    uri.getRawQuery(), uri.getRawFragment()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** No segment that a server could read as "this directory", "up one" or a separator. */
    private static boolean safePath(List<String> segments) {
        for (String raw : segments) {
            String decoded;
            try {
                decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            // servlet containers drop a segment's path parameters before resolving dots: "..;x" is ".." to them
            String bare = decoded.indexOf(';') >= 0 ? decoded.substring(0, decoded.indexOf(';')) : decoded;
            if (bare.equals(".") || bare.equals("..") || decoded.contains("/") || decoded.contains("\\")
                    || decoded.contains("%")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyUrlPrefixes other && urls().equals(other.urls());
    }

    @Override
    public int hashCode() {
        return urls().hashCode();
    }

    @Override
    public String toString() {
        return urls().toString();
    }
}
