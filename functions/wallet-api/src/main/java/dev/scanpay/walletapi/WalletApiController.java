package dev.scanpay.walletapi;

import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.OutboundResponse;
import dev.scanpay.core.api.wallet.WalletApi;
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
 * The wallet (Alipay+) API: userInitiatedPay and notifyPayment from registered wallets. Only adapts HTTP;
 * core's {@link WalletApi} authenticates, validates and answers, signed. The body is taken as raw bytes
 * because the signature covers the exact bytes received.
 *
 * <p>Its error handlers are local to this controller: the local stack serves it beside the merchant API,
 * whose global handlers answer everything else.
 *
 * <p>Eager ({@code @Context}): the wallet API (its intake, stores and the gateway key) is built when the
 * function initialises (in the SnapStart snapshot), not on the first request. Core's beans are lazy, so this function builds only
 * what this controller reaches.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class WalletApiController {

    private final WalletApi api;

    public WalletApiController(WalletApi api) {
        this.api = api;
    }

    @Post(uri = "/aps/api/v1/payments/{operation}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> post(HttpRequest<?> request, String operation, @Nullable @Body byte[] body) {
        return respond(api.handle(inbound(request, body)));
    }

    /** Any other method: a protocol answer (METHOD_NOT_SUPPORTED), not the framework's 405. */
    @Get(uri = "/aps/api/v1/payments/{operation}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String operation) {
        return respond(api.handle(inbound(request, null)));
    }

    @Error
    public HttpResponse<byte[]> failure(HttpRequest<?> request, Throwable error) {
        return respond(api.refuseUnexpected(inbound(request, null), error));
    }

    private static InboundRequest inbound(HttpRequest<?> request, byte[] body) {
        return new InboundRequest(request.getMethodName(), request.getPath(),
                name -> request.getHeaders().get(name), body == null ? new byte[0] : body);
    }

    private static MutableHttpResponse<byte[]> respond(OutboundResponse response) {
        MutableHttpResponse<byte[]> http = HttpResponse.status(HttpStatus.valueOf(response.status()));
        response.headers().forEach(http::header);
        return http.body(response.body());
    }
}
