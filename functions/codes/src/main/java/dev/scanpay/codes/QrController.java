package dev.scanpay.codes;

import dev.scanpay.codes.QrImages.Size;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.store.CodeStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QR images of issued codes: {@code GET /qr/{token}.png?size=small|middle|big} (default middle) and
 * {@code GET /qr/{token}.svg} (same sizes, for its width and height). The image encodes the code's
 * codeValue, never anything from the request.
 *
 * <p>Answers: the image, with {@code Cache-Control: public, max-age=N} (N the whole seconds until an order
 * code expires, at most a day; a day for entry codes, which do not expire) and a strong ETag, or 304 to a
 * matching If-None-Match; 404 "unknown or expired code" for a malformed, unknown or expired token or
 * another extension; 400 for any other size. Refusals are short plain text and never cached.
 *
 * <p>Refusals are thrown and answered by this controller's own {@link Error} handlers rather than returned
 * as 404 responses: the local stack serves this controller next to AmsController, whose global
 * {@code @Error(status = NOT_FOUND)} would otherwise turn a returned 404 into an AMS protocol answer.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class QrController {

    /** The longest an image may be cached: entry codes, and order codes that live longer than this. */
    public static final long MAX_AGE_SECONDS = Duration.ofDays(1).toSeconds();
    static final String NOT_FOUND_MESSAGE = "unknown or expired code";
    static final String BAD_SIZE_MESSAGE = "size must be small, middle or big";
    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";

    private static final Logger LOG = LoggerFactory.getLogger(QrController.class);

    private final CodeStore codes;
    private final Clock clock;

    public QrController(CodeStore codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Get("/qr/{file}")
    public HttpResponse<byte[]> image(HttpRequest<?> request, String file, @Nullable @QueryValue String size) {
        boolean svg = file.endsWith(".svg");
        if (!svg && !file.endsWith(".png")) {
            throw QrRefusal.notFound();
        }
        String token = file.substring(0, file.length() - ".png".length());
        if (!CodeTokens.isWellFormed(token)) {
            throw QrRefusal.notFound();
        }
        Size chosen = size == null ? Size.MIDDLEIMAGE : Size.ofParameter(size).orElseThrow(
                () -> new QrRefusal(HttpStatus.BAD_REQUEST, BAD_SIZE_MESSAGE));
        Instant now = clock.instant();
        IssuedCode code = codes.find(token).filter(c -> c.isLive(now)).orElseThrow(QrRefusal::notFound);
        if (code.codeValue() == null || code.codeValue().isEmpty()) {
            LOG.warn("Code {} has no codeValue", token.substring(0, 6));
            throw QrRefusal.notFound();
        }

        String contentType = svg ? SVG : PNG;
        String etag = etag(contentType, chosen, code.codeValue());
        long maxAge = code.expiresAt() == null ? MAX_AGE_SECONDS
                : Math.min(MAX_AGE_SECONDS, Duration.between(now, code.expiresAt()).toSeconds());
        MutableHttpResponse<byte[]> response;
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            response = HttpResponse.status(HttpStatus.NOT_MODIFIED);
        } else {
            byte[] body = svg ? QrImages.svg(code.codeValue(), chosen).getBytes(StandardCharsets.UTF_8)
                    : QrImages.png(code.codeValue(), chosen);
            response = HttpResponse.<byte[]>ok().contentType(contentType).body(body);
        }
        response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge)
                .header(HttpHeaders.ETAG, etag)
                .header("X-Content-Type-Options", "nosniff");
        if (svg) {
            // the SVG holds no script or reference, and opened directly it may never run or fetch any
            response.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        }
        return response;
    }

    @Error(exception = QrRefusal.class)
    public HttpResponse<byte[]> refused(QrRefusal refusal) {
        return plainText(refusal.status(), refusal.getMessage());
    }

    /** Anything unexpected on these routes (the table unreachable, say): a plain 500, never a stack trace. */
    @Error
    public HttpResponse<byte[]> failed(HttpRequest<?> request, Throwable error) {
        LOG.error("Failed to serve {}", request.getPath(), error);
        return plainText(HttpStatus.INTERNAL_SERVER_ERROR, "could not serve the code");
    }

    private static HttpResponse<byte[]> plainText(HttpStatus status, String message) {
        return HttpResponse.<byte[]>status(status)
                .contentType("text/plain; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A strong validator of exactly what the response carries: the rendering, the format, size and value. */
    static String etag(String contentType, Size size, String codeValue) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("\n", QrImages.RENDERING_VERSION, contentType, size.name(), codeValue)
                    .getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** If-None-Match's weak comparison: any listed tag (W/ or not) or "*". */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A request this controller answers with a status and a short message; no stack trace is filled in. */
    static final class QrRefusal extends RuntimeException {
        private final HttpStatus status;

        QrRefusal(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        static QrRefusal notFound() {
            return new QrRefusal(HttpStatus.NOT_FOUND, NOT_FOUND_MESSAGE);
        }

        HttpStatus status() {
            return status;
        }
    }
}
