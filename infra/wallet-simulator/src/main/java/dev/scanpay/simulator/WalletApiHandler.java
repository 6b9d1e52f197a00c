package dev.scanpay.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.scanpay.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alipay+ side: {@code POST <endpoint>/payments/{pay,inquiryPayment,cancelPayment,refund}}. Every
 * call is counted, then the wallet-wide fault is applied, then the gateway's signature is checked over
 * the raw bytes, then the ledger decides, then the answer goes out signed (or not, as the payment's
 * behaviour or the fault says). Errors in the call itself are answered in protocol form, signed.
 */
final class WalletApiHandler {

    static final String BASE_PATH = "/mpp/v1";
    static final String PAYMENTS_PATH = BASE_PATH + "/payments/";
    static final List<String> OPERATIONS = List.of("pay", "inquiryPayment", "cancelPayment", "refund");
    /** The wallet's settlement records of a time range, paged: what the gateway's break report compares with. */
    static final String SETTLEMENTS_PATH = BASE_PATH + "/settlements/inquiry";
    static final String SETTLEMENTS = "settlementInquiry";
    static final int MAX_SETTLEMENT_PAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WalletApiHandler.class);

    private final WalletLedger ledger;
    private final GatewayTrust trust;
    private final WalletAnswerWriter writer;
    private final ConnectionHolder holder;
    private final Json json;
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<UnaryOperator<Map<String, Object>>>> rewrites = new ConcurrentHashMap<>();

    WalletApiHandler(WalletLedger ledger, GatewayTrust trust, WalletAnswerWriter writer, ConnectionHolder holder, Json json) {
        this.ledger = ledger;
        this.trust = trust;
        this.writer = writer;
        this.holder = holder;
        this.json = json;
    }

    /** The next call of {@code operation} is processed as usual, but answered with what {@code rewrite} makes of the answer. */
    void rewriteNextAnswer(String operation, UnaryOperator<Map<String, Object>> rewrite) {
        rewrites.computeIfAbsent(operation, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(rewrite);
    }

    void setFault(Fault value) {
        fault.set(value);
        LOG.info("Wallet fault set to {}", value);
    }

    Fault fault() {
        return fault.get();
    }

    int callCount(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    void handle(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().getRawPath();
        String operation = uri.equals(SETTLEMENTS_PATH) ? SETTLEMENTS
                : uri.startsWith(PAYMENTS_PATH) ? uri.substring(PAYMENTS_PATH.length()) : "";
        if (!OPERATIONS.contains(operation) && !SETTLEMENTS.equals(operation)) {
            throw new HttpProblem(404, "no wallet API at " + uri);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new HttpProblem(405, "the wallet API takes POST only");
        }
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = Exchanges.readBody(exchange);

        Fault current = fault.get();
        if (current == Fault.HANG) {
            LOG.info("{}: fault HANG, holding the connection", operation);
            holder.hold(exchange);
            return;
        }
        if (current == Fault.HTTP_500) {
            LOG.info("{}: fault HTTP_500", operation);
            Exchanges.sendError(exchange, json, 500, "simulated server error");
            return;
        }

        String clientId = exchange.getRequestHeaders().getFirst("Client-Id");
        String subject = "-";
        WalletReply reply;
        Optional<String> problem = trust.problem(uri, clientId, exchange.getRequestHeaders().getFirst("Request-Time"),
                exchange.getRequestHeaders().getFirst("Signature"), body);
        if (problem.isPresent()) {
            LOG.info("{}: refused, {}", operation, problem.get());
            reply = WalletReply.failure("INVALID_SIGNATURE", "the request signature does not verify");
        } else {
            Map<String, Object> request = null;
            try {
                request = json.parseObject(body);
            } catch (Json.MalformedJsonException e) {
                LOG.info("{}: malformed body, {}", operation, e.getMessage());
            }
            subject = request == null ? "-" : subject(request);
            reply = request == null ? WalletReply.failure("PARAM_ILLEGAL", "the body is not a JSON object")
                    : process(operation, request);
        }

        UnaryOperator<Map<String, Object>> rewrite = rewrites.getOrDefault(operation, new java.util.ArrayDeque<>()).poll();
        if (rewrite != null) {
            // a scripted answer is meant to arrive: signed, even where the ledger would have held it back
            reply = new WalletReply(rewrite.apply(new java.util.LinkedHashMap<>(reply.body())), Delivery.SIGNED);
        }
        Delivery delivery = reply.delivery();
        if (delivery == Delivery.SIGNED && current == Fault.BAD_SIGNATURE) {
            delivery = Delivery.BAD_SIGNATURE;
        } else if (delivery == Delivery.SIGNED && current == Fault.UNSIGNED) {
            delivery = Delivery.UNSIGNED;
        }
        LOG.info("{} {}: {} delivered {}", operation, subject, reply.resultCode(), delivery);
        writer.deliver(exchange, uri, clientId, reply.body(), delivery);
    }

    /** The ids a log line may show (never the payment code). */
    private static String subject(Map<String, Object> request) {
        Object refund = request.get("refundRequestId");
        Object payment = request.get("paymentRequestId");
        return (refund == null ? "" : refund + " of ") + (payment == null ? "-" : payment);
    }

    /** One page of the settlement records between startTime and endTime (ISO 8601), pageNumber from 1. */
    private WalletReply settlementPage(Map<String, Object> request) {
        java.time.Instant from;
        java.time.Instant until;
        int pageNumber;
        int pageSize;
        try {
            from = java.time.OffsetDateTime.parse(String.valueOf(request.get("startTime"))).toInstant();
            until = java.time.OffsetDateTime.parse(String.valueOf(request.get("endTime"))).toInstant();
            pageNumber = Integer.parseInt(String.valueOf(request.getOrDefault("pageNumber", 1)));
            pageSize = Integer.parseInt(String.valueOf(request.getOrDefault("pageSize", MAX_SETTLEMENT_PAGE)));
        } catch (RuntimeException e) {
            return WalletReply.failure("PARAM_ILLEGAL", "startTime and endTime (ISO 8601), pageNumber and pageSize are required");
        }
        if (pageNumber < 1 || pageSize < 1 || pageSize > MAX_SETTLEMENT_PAGE) {
            return WalletReply.failure("PARAM_ILLEGAL", "pageNumber from 1, pageSize 1 to " + MAX_SETTLEMENT_PAGE);
        }
        List<SettlementRecord> all = ledger.settlementRecords(from, until);
        int start = (int) Math.min((long) (pageNumber - 1) * pageSize, all.size());
        int end = Math.min(start + pageSize, all.size());
        List<Map<String, Object>> page = all.subList(start, end).stream().map(WalletApiHandler::settlementJson).toList();
        return new WalletReply(dev.scanpay.core.json.JsonObject.create()
                .put("result", dev.scanpay.core.protocol.Result.success().toWire())
                .put("records", page)
                .put("hasMore", end < all.size())
                .build(), Delivery.SIGNED);
    }

    static Map<String, Object> settlementJson(SettlementRecord r) {
        Map<String, Object> amount = new java.util.LinkedHashMap<>();
        amount.put("currency", r.currency());
        amount.put("value", Long.toString(r.minor()));
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("transactionType", r.transactionType());
        json.put("paymentRequestId", r.paymentRequestId());
        if (r.refundRequestId() != null) {
            json.put("refundRequestId", r.refundRequestId());
        }
        json.put("walletTransactionId", r.walletTransactionId());
        json.put("amount", amount);
        json.put("transactionTime", dev.scanpay.core.wire.AmsWire.time(r.time()));
        return json;
    }

    private WalletReply process(String operation, Map<String, Object> request) {
        try {
            switch (operation) {
                case "pay":
                    return ledger.pay(WalletRequests.pay(request));
                case "inquiryPayment":
                    return ledger.inquire(WalletRequests.paymentRequestId(request));
                case "cancelPayment":
                    return ledger.cancel(WalletRequests.paymentRequestId(request));
                case SETTLEMENTS:
                    return settlementPage(request);
                default:
                    return ledger.refund(WalletRequests.refund(request));
            }
        } catch (IllegalArgumentException e) {
            return WalletReply.failure("PARAM_ILLEGAL", e.getMessage());
        }
    }
}
