package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.scanpay.core.json.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler on the server: sends wallet API paths, control paths and the cashier page to their
 * handlers and turns anything that goes wrong into a small JSON error, never a stack trace.
 */
final class SimulatorRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRouter.class);

    private final WalletApiHandler walletApi;
    private final ControlApiHandler controlApi;
    private final CashierHandler cashier;
    private final Json json;

    SimulatorRouter(WalletApiHandler walletApi, ControlApiHandler controlApi, CashierHandler cashier, Json json) {
        this.walletApi = walletApi;
        this.controlApi = controlApi;
        this.cashier = cashier;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(WalletApiHandler.BASE_PATH + "/")) {
                walletApi.handle(exchange);
            } else if (path.startsWith("/customers/") || path.startsWith("/simulator/")) {
                controlApi.handle(exchange);
            } else if (CashierHandler.handles(path)) {
                cashier.handle(exchange);
            } else {
                throw new HttpProblem(404, "no such path");
            }
        } catch (HttpProblem problem) {
            fail(exchange, problem.status(), problem.getMessage());
        } catch (IOException e) {
            // the caller went away; nothing to answer
            LOG.debug("I/O error on {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Unexpected error on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            fail(exchange, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private void fail(HttpExchange exchange, int status, String message) {
        if (Exchanges.answered(exchange)) {
            return;
        }
        try {
            Exchanges.sendError(exchange, json, status, message);
        } catch (IOException e) {
            LOG.debug("Could not send error on {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
        }
    }
}
