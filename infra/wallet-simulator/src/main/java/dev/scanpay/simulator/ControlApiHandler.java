package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain-JSON, unsigned endpoints: the customer's "phone" ({@code /customers/...}) and the test
 * harness ({@code /simulator/...}). They are not part of the wallet API and nothing here is signed
 * (a scan's own calls to the gateway are, of course).
 */
final class ControlApiHandler {

    private static final Set<String> CUSTOMER_FIELDS = Set.of("behaviour", "declineCode", "settleAfterSeconds",
            "refundBehaviour", "balances");

    private final WalletSimulator simulator;
    private final Json json;

    ControlApiHandler(WalletSimulator simulator, Json json) {
        this.simulator = simulator;
        this.json = json;
    }

    void handle(HttpExchange exchange) throws IOException {
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        if (path.size() == 3 && path.get(0).equals("customers") && path.get(2).equals("payment-code")) {
            requireMethod(method, "POST");
            String code = simulator.issuePaymentCode(customerId(path.get(1)));
            // fixed contract: scripts read exactly this field
            Exchanges.sendJson(exchange, json, 200, Map.of("paymentCode", code));
        } else if (path.size() == 3 && path.get(0).equals("customers") && path.get(2).equals("scan")) {
            requireMethod(method, "POST");
            String customerId = customerId(path.get(1));
            Object code = readObject(exchange).get("codeValue");
            if (!(code instanceof String codeValue) || codeValue.isBlank()) {
                throw new HttpProblem(400, "codeValue (the scanned code) is required");
            }
            ScanResult result;
            try {
                result = simulator.scan(customerId, codeValue);
            } catch (IllegalStateException notConnected) {
                throw new HttpProblem(409, notConnected.getMessage());
            }
            Exchanges.sendJson(exchange, json, 200, scanJson(result));
        } else if (path.size() == 2 && path.get(0).equals("customers")) {
            String customerId = customerId(path.get(1));
            if ("GET".equals(method)) {
                SimulatedCustomer customer = simulator.customer(customerId)
                        .orElseThrow(() -> new HttpProblem(404, "no customer " + customerId));
                Exchanges.sendJson(exchange, json, 200, customerJson(customer));
            } else {
                requireMethod(method, "PUT");
                CustomerSettings settings = customerSettings(readObject(exchange));
                Exchanges.sendJson(exchange, json, 200, customerJson(parse(() -> simulator.configureCustomer(customerId, settings))));
            }
        } else if (path.size() == 3 && path.get(0).equals("simulator") && path.get(1).equals("payments")) {
            requireMethod(method, "GET");
            SimulatedPayment payment = simulator.payment(path.get(2))
                    .orElseThrow(() -> new HttpProblem(404, "no payment " + path.get(2)));
            Exchanges.sendJson(exchange, json, 200, paymentJson(payment));
        } else if (path.size() == 2 && path.get(0).equals("simulator") && path.get(1).equals("notifications")) {
            requireMethod(method, "GET");
            Exchanges.sendJson(exchange, json, 200, simulator.notificationsSent().stream()
                    .map(ControlApiHandler::notificationJson).toList());
        } else if (path.size() == 2 && path.get(0).equals("simulator") && path.get(1).equals("faults")) {
            if (!"GET".equals(method)) {
                requireMethod(method, "POST");
                Object fault = readObject(exchange).get("fault");
                simulator.setFault(parse(() -> Fault.parse(fault instanceof String s ? s : null)));
            }
            Exchanges.sendJson(exchange, json, 200, Map.of("fault", simulator.fault().name()));
        } else if (path.size() == 2 && path.get(0).equals("simulator") && path.get(1).equals("gateways")) {
            requireMethod(method, "POST");
            Map<String, Object> body = readObject(exchange);
            if (!(body.get("clientId") instanceof String clientId) || clientId.isBlank()
                    || !(body.get("publicKey") instanceof String publicKey)) {
                throw new HttpProblem(400, "clientId and publicKey (base64 X.509) are required");
            }
            simulator.trustGateway(clientId, parse(() -> RsaKeys.publicKey(publicKey)));
            Exchanges.sendJson(exchange, json, 200, Map.of("trusted", clientId));
        } else if (path.size() == 3 && path.get(0).equals("simulator") && path.get(1).equals("settlements")) {
            requireMethod(method, "POST");
            Exchanges.sendJson(exchange, json, 200, settlementTweak(path.get(2), readObject(exchange)));
        } else if (path.size() == 2 && path.get(0).equals("simulator") && path.get(1).equals("info")) {
            requireMethod(method, "GET");
            Exchanges.sendJson(exchange, json, 200, JsonObject.create()
                    .put("walletId", simulator.walletId())
                    .put("pspName", simulator.pspName())
                    .put("endpoint", simulator.endpoint())
                    .put("publicKey", simulator.publicKey())
                    .put("keyVersion", simulator.keyVersion())
                    .put("codePrefixes", simulator.codePrefixes())
                    .put("fault", simulator.fault().name())
                    .put("gatewayUrl", simulator.gatewayUrl().orElse(null))
                    .put("cashierUrl", simulator.cashierUrl())
                    .put("userAgentMarker", simulator.userAgentMarker())
                    .build());
        } else {
            throw new HttpProblem(404, "no such path");
        }
    }

    /**
     * drop / alter / add / reset a record of the settlement file: {@code {"transactionType": "PAYMENT", "id": "<the
     * gateway's paymentId, or refundId for a REFUND>", "value": "999", "currency": "USD"}}; add takes a record
     * ({@code transactionType, paymentRequestId, refundRequestId, walletTransactionId, amount, transactionTime}).
     */
    private Map<String, Object> settlementTweak(String action, Map<String, Object> body) {
        switch (action) {
            case "drop" -> simulator.dropSettlementRecord(text(body, "transactionType"), text(body, "id"));
            case "alter" -> simulator.alterSettlementRecord(text(body, "transactionType"), text(body, "id"),
                    body.get("value") == null ? null : wholeNumber(body.get("value"), "value"),
                    body.get("currency") == null ? null : text(body, "currency"));
            case "add" -> {
                if (!(body.get("amount") instanceof Map<?, ?> amount)) {
                    throw new HttpProblem(400, "amount {currency, value} is required");
                }
                java.time.Instant time = body.get("transactionTime") == null ? simulator.config().clock().instant()
                        : parse(() -> java.time.OffsetDateTime.parse(text(body, "transactionTime")).toInstant());
                simulator.addSettlementRecord(new SettlementRecord(text(body, "transactionType"), text(body, "paymentRequestId"),
                        body.get("refundRequestId") == null ? null : text(body, "refundRequestId"),
                        body.get("walletTransactionId") == null ? null : text(body, "walletTransactionId"),
                        wholeNumber(amount.get("value"), "amount.value"), String.valueOf(amount.get("currency")), time));
            }
            case "reset" -> simulator.clearSettlementTweaks();
            default -> throw new HttpProblem(404, "settlements/" + action + ": use drop, alter, add or reset");
        }
        return Map.of("done", action);
    }

    private Map<String, Object> readObject(HttpExchange exchange) throws IOException {
        try {
            return json.parseObject(Exchanges.readBody(exchange));
        } catch (Json.MalformedJsonException e) {
            throw new HttpProblem(400, e.getMessage());
        }
    }

    private static CustomerSettings customerSettings(Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!CUSTOMER_FIELDS.contains(field)) {
                throw new HttpProblem(400, "unknown field '" + field + "'; allowed: " + String.join(", ", CUSTOMER_FIELDS));
            }
        }
        CustomerSettings.Builder settings = CustomerSettings.builder();
        if (body.get("behaviour") != null) {
            settings.behaviour(parse(() -> Behaviour.parse(text(body, "behaviour"))));
        }
        if (body.get("refundBehaviour") != null) {
            settings.refundBehaviour(parse(() -> RefundBehaviour.parse(text(body, "refundBehaviour"))));
        }
        if (body.get("declineCode") != null) {
            settings.declineCode(text(body, "declineCode"));
        }
        if (body.get("settleAfterSeconds") != null) {
            settings.settleAfter(Duration.ofSeconds(wholeNumber(body.get("settleAfterSeconds"), "settleAfterSeconds")));
        }
        if (body.get("balances") != null) {
            if (!(body.get("balances") instanceof Map<?, ?> balances)) {
                throw new HttpProblem(400, "balances must be an object of currency to minor units, e.g. {\"USD\": \"1000\"}");
            }
            balances.forEach((currency, minor) -> settings.balance(String.valueOf(currency),
                    wholeNumber(minor, "balances." + currency)));
        }
        return parse(settings::build);
    }

    private static String text(Map<String, Object> body, String field) {
        if (!(body.get(field) instanceof String value)) {
            throw new HttpProblem(400, field + " must be a string");
        }
        return value;
    }

    /** A non-negative whole number given as a JSON number or a string of digits. */
    private static long wholeNumber(Object value, String field) {
        String digits = value instanceof String s ? s : value instanceof Number n ? n.toString() : "";
        if (!digits.matches("\\d{1,18}")) {
            throw new HttpProblem(400, field + " must be a non-negative whole number");
        }
        return Long.parseLong(digits);
    }

    /** Turns the domain's IllegalArgumentExceptions (unknown behaviour, bad currency...) into 400s. */
    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
    }

    static Map<String, Object> customerJson(SimulatedCustomer customer) {
        Map<String, Object> balances = new LinkedHashMap<>();
        customer.balances().forEach((currency, minor) -> balances.put(currency, Long.toString(minor)));
        return JsonObject.create()
                .put("customerId", customer.customerId())
                .put("behaviour", customer.behaviour().name())
                .put("declineCode", customer.declineCode())
                .put("settleAfterSeconds", customer.settleAfter().toSeconds())
                .put("refundBehaviour", customer.refundBehaviour().name())
                .put("balances", balances)
                .build();
    }

    static Map<String, Object> scanJson(ScanResult result) {
        if (!result.scanned()) {
            return JsonObject.create()
                    .put("scanned", false)
                    .put("resultCode", result.resultCode())
                    .put("resultMessage", result.resultMessage())
                    .build();
        }
        return JsonObject.create()
                .put("scanned", true)
                .put("paymentRequestId", result.paymentRequestId())
                .put("walletPaymentId", result.walletPaymentId())
                .put("status", result.status().name())
                .put("amount", AmsWire.amount(result.amount()))
                .put("merchantName", result.merchantName())
                .put("storeName", result.storeName())
                .put("expiryTime", result.expiryTime())
                .put("paymentRedirectUrl", result.paymentRedirectUrl())
                .put("notification", result.notification())
                .put("repeat", result.repeat())
                .build();
    }

    static Map<String, Object> notificationJson(SentNotification sent) {
        return JsonObject.create()
                .put("paymentRequestId", sent.paymentRequestId())
                .put("paymentId", sent.paymentId())
                .put("url", sent.url())
                .put("resultStatus", sent.resultStatus())
                .put("resultCode", sent.resultCode())
                .put("badlySigned", sent.badlySigned())
                .put("unsigned", sent.unsigned())
                .put("sentAt", AmsWire.time(sent.sentAt()))
                .put("ackResultStatus", sent.ackResultStatus())
                .put("ackResultCode", sent.ackResultCode())
                .put("ackProblem", sent.ackProblem())
                .build();
    }

    static Map<String, Object> paymentJson(SimulatedPayment payment) {
        return JsonObject.create()
                .put("paymentRequestId", payment.paymentRequestId())
                .put("paymentId", payment.paymentId())
                .put("status", payment.status().name())
                .put("resultCode", payment.resultCode())
                .put("behaviour", payment.behaviour() == null ? null : payment.behaviour().name())
                .put("amount", payment.amount() == null ? null : AmsWire.amount(payment.amount()))
                .put("customerId", payment.customerId())
                .put("charges", payment.charges())
                .put("refundedAmount", payment.amount() == null ? null
                        : Map.of("currency", payment.amount().currencyCode(), "value", Long.toString(payment.refundedMinor())))
                .put("refunds", payment.refunds().stream().map(r -> JsonObject.create()
                        .put("refundRequestId", r.refundRequestId())
                        .put("refundId", r.refundId())
                        .put("status", r.status().name())
                        .put("resultCode", r.resultCode())
                        .put("refundAmount", AmsWire.amount(r.amount()))
                        .put("refundTime", AmsWire.time(r.refundTime()))
                        .build()).toList())
                .put("createdAt", AmsWire.time(payment.createdAt()))
                .put("paymentTime", AmsWire.time(payment.paymentTime()))
                .put("cancelledAt", AmsWire.time(payment.cancelledAt()))
                .build();
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new HttpProblem(405, "use " + expected);
        }
    }

    private static String customerId(String segment) {
        if (segment.isEmpty() || segment.length() > 64) {
            throw new HttpProblem(400, "customerId must be 1 to 64 characters");
        }
        return segment;
    }

    private static List<String> segments(String rawPath) {
        String trimmed = rawPath.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(trimmed.split("/", -1))
                .map(s -> parse(() -> URLDecoder.decode(s, StandardCharsets.UTF_8))).toList();
    }
}
