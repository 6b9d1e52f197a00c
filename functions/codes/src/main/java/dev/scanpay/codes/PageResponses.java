package dev.scanpay.codes;

import dev.scanpay.core.model.wallet.Wallet;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.net.URI;

/**
 * The headers every code page goes out with. Pages show a payment's state and carry a one-time form id, so
 * nothing may keep them (no-store). The Content-Security-Policy allows the inline style and nothing else
 * to load, the page never framed (it asks for money), and forms posted only where the page means to.
 */
final class PageResponses {

    static final String HTML = "text/html; charset=UTF-8";
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; form-action ";

    private PageResponses() {
    }

    static MutableHttpResponse<String> page(HttpStatus status, String html, String policy) {
        return secure(HttpResponse.<String>status(status).contentType(HTML).body(html), policy);
    }

    /** After an accepted amount: on to the wallet's cashier. */
    static MutableHttpResponse<String> seeOther(String location) {
        return secure(HttpResponse.<String>status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location), withoutForms());
    }

    static String withoutForms() {
        return POLICY + "'none'";
    }

    /**
     * For the amount page, whose form posts to the page itself and is answered 303 to the wallet's cashier.
     * form-action is checked against every URL of a submission's redirect chain (CSP 3; Chromium enforces it),
     * so 'self' alone would block the way to the cashier: its origin is listed too. Leaving form-action out
     * instead would let an injected form post anywhere, since it does not fall back to default-src.
     */
    static String withFormTo(Wallet wallet) {
        String cashier = origin(wallet.cashierUrl());
        return POLICY + "'self'" + (cashier == null ? "" : " " + cashier);
    }

    /** scheme://host[:port] of an http(s) URL, or null when it is not one a policy can safely name. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || !host.matches("[A-Za-z0-9.-]+")) {
                return null;
            }
            return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code same-origin}, not {@code no-referrer}: the code URL (with its token) still never reaches the
     * wallet's cashier or anyone else, but the form's POST back to us keeps its real Origin. Under
     * no-referrer Chromium sends {@code Origin: null}, which looks like a cross-site post (the local
     * stack's server refuses it with 403).
     */
    private static MutableHttpResponse<String> secure(MutableHttpResponse<String> response, String policy) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
