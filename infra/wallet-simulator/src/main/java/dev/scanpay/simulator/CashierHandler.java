package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The wallet's cashier page, where a store's entry-code page sends a phone's browser:
 * {@code GET /cashier?codeValue=...[&customerId=...]} shows what the gateway says the code is for, and
 * {@code POST /cashier/confirm} pays it as {@link OrderScanner#scan} does, then sends the browser back to
 * the gateway's paymentRedirectUrl (303) or shows the outcome.
 */
final class CashierHandler {

    static final String PATH = "/cashier";
    static final String CONFIRM_PATH = "/cashier/confirm";

    private final OrderScanner scanner;
    private final String walletName;
    private final String defaultCustomer;

    CashierHandler(OrderScanner scanner, SimulatorConfig config) {
        this.scanner = scanner;
        this.walletName = config.pspName();
        this.defaultCustomer = config.cashierCustomer();
    }

    static boolean handles(String path) {
        return PATH.equals(path) || CONFIRM_PATH.equals(path);
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (PATH.equals(exchange.getRequestURI().getRawPath())) {
            if (!"GET".equals(method)) {
                throw new HttpProblem(405, "use GET");
            }
            show(exchange, FormData.parse(exchange.getRequestURI().getRawQuery()));
        } else {
            if (!"POST".equals(method)) {
                throw new HttpProblem(405, "use POST");
            }
            confirm(exchange, FormData.parse(new String(Exchanges.readBody(exchange), StandardCharsets.UTF_8)));
        }
    }

    private void show(HttpExchange exchange, Map<String, String> query) throws IOException {
        Payer payer = payer(exchange, query);
        if (payer == null) {
            return;
        }
        OrderScanner.Lookup lookup;
        try {
            lookup = scanner.lookUp(payer.customerId(), payer.codeValue());
        } catch (IllegalStateException notConnected) {
            sendPage(exchange, 503, CashierPage.problem(walletName, null, "this wallet is not connected to a gateway"));
            return;
        }
        if (lookup.order() == null) {
            sendPage(exchange, 200, CashierPage.problem(walletName, lookup.resultCode(), lookup.resultMessage()));
            return;
        }
        sendPage(exchange, 200, CashierPage.order(walletName, payer.customerId(), payer.codeValue(), lookup.order()));
    }

    private void confirm(HttpExchange exchange, Map<String, String> form) throws IOException {
        Payer payer = payer(exchange, form);
        if (payer == null) {
            return;
        }
        ScanResult result;
        try {
            result = scanner.scan(payer.customerId(), payer.codeValue());
        } catch (IllegalStateException notConnected) {
            sendPage(exchange, 503, CashierPage.problem(walletName, null, "this wallet is not connected to a gateway"));
            return;
        }
        if (result.scanned() && result.paymentRedirectUrl() != null) {
            // the scan has already sent a notification that was due now, so the page the browser lands on
            // can show the payment's outcome
            exchange.getResponseHeaders().set("Location", result.paymentRedirectUrl());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(303, -1);
            return;
        }
        sendPage(exchange, 200, outcomePage(result));
    }

    private String outcomePage(ScanResult result) {
        if (!result.scanned()) {
            return CashierPage.outcome(walletName, "Payment failed", reason(result.resultCode(), result.resultMessage()));
        }
        switch (result.status()) {
            case PAID:
                return CashierPage.outcome(walletName, "Paid", CashierPage.amount(result.amount())
                        + (result.merchantName() == null ? "" : " to " + result.merchantName()));
            case PENDING:
                return CashierPage.outcome(walletName, "Payment in process", "The wallet will confirm it shortly.");
            default:
                return CashierPage.outcome(walletName, "Payment failed", result.status() == SimulatedPayment.Status.CANCELLED
                        ? "The order was closed." : "The wallet declined the payment.");
        }
    }

    private static String reason(String code, String message) {
        return message == null || message.isBlank() ? code : code + ": " + message;
    }

    /** The customer and code a request names; null (after answering 400) when it names no usable code. */
    private Payer payer(HttpExchange exchange, Map<String, String> fields) throws IOException {
        String code = fields.get("codeValue");
        String customer = fields.getOrDefault("customerId", "");
        if (customer.isBlank()) {
            customer = defaultCustomer;
        }
        if (code == null || code.isBlank()) {
            sendPage(exchange, 400, CashierPage.problem(walletName, null, "no codeValue: open this page from a payment code"));
            return null;
        }
        if (customer.length() > 64) {
            sendPage(exchange, 400, CashierPage.problem(walletName, null, "customerId must be 1 to 64 characters"));
            return null;
        }
        return new Payer(customer, code);
    }

    private record Payer(String customerId, String codeValue) {
    }

    private static void sendPage(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // nothing on these pages loads or runs anything; say so, so a value that slipped escaping could not either
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        Exchanges.send(exchange, status, Exchanges.HTML_TYPE, html.getBytes(StandardCharsets.UTF_8));
    }
}
