package dev.scanpay.merchantapi;

import dev.scanpay.core.api.merchant.AmsGateway;
import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.OutboundResponse;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The AMS merchant API: pay, inquiryPayment, cancel (and what later modules register). Only adapts HTTP;
 * the dispatcher in core authenticates, validates and answers. The body is taken as raw bytes because the
 * signature covers the exact bytes received.
 *
 * <p>Eager ({@code @Context}): the merchant API's gateway (its operations, stores, wallet client and
 * the gateway key) is built when the function initialises (in the SnapStart snapshot), not on the first
 * request. Core's beans are lazy, so this function builds only
 * what this controller reaches.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AmsController {

    private final AmsGateway gateway;

    public AmsController(AmsGateway gateway) {
        this.gateway = gateway;
    }

    @Post(uris = {"/ams/api/v1/{family}/{operation}", "/ams/sandbox/api/v1/{family}/{operation}"},
            consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> post(HttpRequest<?> request, String family, String operation, @Nullable @Body byte[] body) {
        return respond(gateway.handle(inbound(request, body)));
    }

    /** Any other method on an API path: a protocol answer (METHOD_NOT_SUPPORTED), not the framework's 405. */
    @Get(uris = {"/ams/api/v1/{family}/{operation}", "/ams/sandbox/api/v1/{family}/{operation}"},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String family, String operation) {
        return respond(gateway.handle(inbound(request, null)));
    }

    /** Framework-level refusals (no route, body too large, unreadable) still get a signed AMS answer. */
    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<byte[]> notFound(HttpRequest<?> request) {
        return respond(gateway.handle(inbound(request, null)));
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    public HttpResponse<byte[]> methodNotAllowed(HttpRequest<?> request) {
        return respond(gateway.handle(inbound(request, null)));
    }

    @Error(global = true)
    public HttpResponse<byte[]> failure(HttpRequest<?> request, Throwable error) {
        return respond(gateway.refuseUnexpected(inbound(request, null), error));
    }

    static InboundRequest inbound(HttpRequest<?> request, byte[] body) {
        return new InboundRequest(request.getMethodName(), request.getPath(),
                name -> request.getHeaders().get(name), body == null ? new byte[0] : body);
    }

    static MutableHttpResponse<byte[]> respond(OutboundResponse response) {
        MutableHttpResponse<byte[]> http = HttpResponse.status(HttpStatus.valueOf(response.status()));
        response.headers().forEach(http::header);
        return http.body(response.body());
    }
}
