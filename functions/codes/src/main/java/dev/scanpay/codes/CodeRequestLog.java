package dev.scanpay.codes;

import dev.scanpay.core.observe.RequestLog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one summary line of each code image or page request ({@link RequestLog}): the route as declared, never the
 * path, which holds the code's token (as good as the code); the HTTP status as its result code; latency. A filter
 * rather than a line in each controller, so refusals answered by the controllers' error handlers are logged too.
 */
@ServerFilter({"/qr/**", "/c/**"})
public class CodeRequestLog {

    private static final Logger LOG = LoggerFactory.getLogger(CodeRequestLog.class);
    private static final String STARTED = "scanpay.code-request.started";

    @RequestFilter
    public void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        String route = request.getPath().startsWith("/qr/") ? "/qr/{file}" : "/c/{token}";
        try (RequestLog.Scope ignored = RequestLog.open(request.getHeaders().get(RequestLog.INVOCATION_HEADER), route, null)) {
            RequestLog.summary(LOG, Integer.toString(response.code()), started)
                    .addKeyValue("method", request.getMethodName())
                    .log("{} {} {} {}ms", request.getMethodName(), route, response.code(), RequestLog.millisSince(started));
        }
    }
}
