package dev.scanpay.codes;

import dev.scanpay.codes.pages.ErrorPage;
import dev.scanpay.codes.pages.PageText;
import dev.scanpay.core.api.SignedJsonApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The code pages take the same largest body as the signed APIs (64 KB; an amount form is under 200 bytes),
 * refused before the framework decodes the form: a stranger's 10 MB "form" costs us a header, not a parse.
 * A POST that does not say how long it is (a chunked upload; no browser sends a form that way) is refused too.
 */
@ServerFilter("/c/**")
public class FormSizeLimit {

    public static final long MAX_BODY_BYTES = SignedJsonApi.MAX_BODY_BYTES;

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        long length = request.getContentLength();
        if (length >= 0 && length <= MAX_BODY_BYTES) {
            return null;
        }
        PageText text = PageText.of(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        HttpStatus status = length < 0 ? HttpStatus.LENGTH_REQUIRED : HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        return PageResponses.page(status, ErrorPage.failed(text), PageResponses.withoutForms());
    }
}
