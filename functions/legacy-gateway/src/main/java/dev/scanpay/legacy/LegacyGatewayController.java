package dev.scanpay.legacy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.scanpay.core.api.OutboundResponse;
import dev.scanpay.core.api.legacy.LegacyGateway;
import dev.scanpay.core.observe.RequestLog;
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
import io.micronaut.servlet.http.ServletHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Legacy Barcode API, {@code GET} and {@code POST /gateway.do}. Only adapts HTTP: the raw query string (still
 * percent-encoded, as the signature is over values decoded in the request's own charset), the Content-Type and the
 * body's bytes go to core's {@link LegacyGateway}, which parses, verifies, serves and answers in XML.
 *
 * <p>Eager ({@code @Context}): the gateway (its services, stores, wallet client, the gateway key and the partners'
 * MD5 keys) is built when the function initialises, not on the first request.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class LegacyGatewayController {

    private final LegacyGateway gateway;

    public LegacyGatewayController(LegacyGateway gateway) {
        this.gateway = gateway;
    }

    @Get(uri = LegacyGateway.PATH, produces = MediaType.ALL)
    public HttpResponse<byte[]> get(HttpRequest<?> request) {
        return respond(gateway.handle(invocation(request), "GET", rawQuery(request), request.getHeaders().get("Content-Type"), null));
    }

    @Post(uri = LegacyGateway.PATH, consumes = MediaType.ALL, produces = MediaType.ALL)
    public HttpResponse<byte[]> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return respond(gateway.handle(invocation(request), "POST", rawQuery(request), request.getHeaders().get("Content-Type"),
                rawBody(request, body)));
    }

    /** A failure the framework met before or after the controller (an unreadable body, say): XML, not a 5xx. */
    @Error
    public HttpResponse<byte[]> failure(HttpRequest<?> request, Throwable error) {
        return respond(gateway.refuseUnexpected(error));
    }

    /** The Lambda invocation's id, which the entry point (core's LambdaHttpFunction) set on the request; null locally. */
    static String invocation(HttpRequest<?> request) {
        return request.getHeaders().get(RequestLog.INVOCATION_HEADER);
    }

    /**
     * The query as the client sent it: API Gateway's {@code rawQueryString} in Lambda (the framework rebuilds the
     * request's URI from the decoded parameters, which loses the encoding), the request line's query on Netty.
     */
    static String rawQuery(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            return event.getRawQueryString();
        }
        return request.getUri().getRawQuery();
    }

    /**
     * The body as the client sent it: API Gateway's body in Lambda (decoded from base64 when API Gateway says it is),
     * as the framework reads a form body into its fields there and binds no bytes; the bytes read on Netty.
     */
    static byte[] rawBody(HttpRequest<?> request, byte[] bound) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            String body = event.getBody();
            if (body == null) {
                return new byte[0];
            }
            return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        }
        return bound;
    }

    static MutableHttpResponse<byte[]> respond(OutboundResponse response) {
        MutableHttpResponse<byte[]> http = HttpResponse.status(HttpStatus.valueOf(response.status()));
        response.headers().forEach(http::header);
        return http.body(response.body());
    }
}
