package dev.scanpay.core.api.legacy;

import dev.scanpay.core.api.OutboundResponse;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.model.payment.NotifyFormat;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentCodes;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.rules.LegacyCancelWindow;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.service.merchant.MerchantNotifications;
import dev.scanpay.core.service.merchant.MerchantPayments;
import dev.scanpay.core.service.merchant.MerchantRefunds;
import dev.scanpay.core.service.merchant.PayRequest;
import dev.scanpay.core.service.merchant.PaymentLookup;
import dev.scanpay.core.service.merchant.RefundRequest;
import dev.scanpay.core.signing.MessageSigner;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Legacy Barcode API, {@code /gateway.do} (protocol.md §8), on the same services as AMS: a request is parsed
 * ({@link LegacyRequestParser}), its service and parameters checked ({@link LegacyService}), its partner found (a
 * {@code Client} whose clientId is the partner id; MD5 keys from {@link LegacyMd5Keys}, RSA keys its registered
 * ones), its signature verified ({@link LegacySignature}), and it is served by {@link MerchantPayments} or
 * {@link MerchantRefunds} as the partner: so a partner sees only its own transactions, and partner_trans_id and
 * partner_refund_id are the paymentRequestId and refundRequestId whose request keys make repeats safe. The answer
 * is XML signed with the request's sign_type ({@link LegacyAnswer}); every failure is an answer, HTTP 200, never a
 * stack trace. The services are declared side by side in the constructor, as {@code AmsGateway} declares its routes.
 */
public final class LegacyGateway {

    public static final String PATH = "/gateway.do";

    private static final Logger LOG = LoggerFactory.getLogger(LegacyGateway.class);

    /** The business errors of §8.3's list each AMS refusal becomes inside {@code <response>}. */
    private static final Map<ResultCode, String> BUSINESS_ERRORS = Map.of(
            ResultCode.ORDER_NOT_EXIST, "TRADE_NOT_EXIST",
            ResultCode.ORDER_STATUS_INVALID, "TRADE_STATUS_ERROR",
            ResultCode.ORDER_IS_CLOSED, "TRADE_HAS_CLOSE",
            ResultCode.REFUND_AMOUNT_EXCEED, "REQUEST_AMOUNT_EXCEED",
            ResultCode.REFUND_WINDOW_EXCEED, "REFUND_AMT_RESTRICTION",
            // §8.3 "SOUNDWAVE_PARSER_FAIL": the buyer's dynamic code could not be read (no wallet takes it)
            ResultCode.INVALID_PAYMENT_CODE, "SOUNDWAVE_PARSER_FAIL",
            ResultCode.CANCEL_WINDOW_EXCEED, "TRADE_STATUS_ERROR");

    private final ClientDirectory clients;
    private final LegacyMd5Keys md5Keys;
    private final MerchantPayments payments;
    private final MerchantRefunds refunds;
    private final MerchantNotifications notifications;
    private final MessageSigner gatewaySigner;
    private final Json json;
    private final Clock clock;
    private final LegacyRequestParser parser = new LegacyRequestParser();
    private final Map<LegacyService, BiFunction<KnownClient, LegacyRequest, Map<String, String>>> services =
            new LinkedHashMap<>();

    public LegacyGateway(ClientDirectory clients, LegacyMd5Keys md5Keys, MerchantPayments payments,
                         MerchantRefunds refunds, MerchantNotifications notifications, MessageSigner gatewaySigner,
                         Json json, Clock clock) {
        this.notifications = notifications;
        this.clients = clients;
        this.md5Keys = md5Keys;
        this.payments = payments;
        this.refunds = refunds;
        this.gatewaySigner = gatewaySigner;
        this.json = json;
        this.clock = clock;
        // every service served, each by one method of one core service
        services.put(LegacyService.SPOT_PAY, this::spotPay);
        services.put(LegacyService.QUERY, this::query);
        services.put(LegacyService.CANCEL, this::cancel);
        services.put(LegacyService.SPOT_REFUND, this::spotRefund);
    }

    /**
     * Answers one request, and logs it as one summary line ({@link RequestLog}: partner, service, the transaction ids
     * it names, is_success and result code, latency; never buyer_identity_code).
     *
     * @param requestId   the Lambda invocation's id, or null (the local stack)
     * @param method      GET or POST
     * @param rawQuery    the URL query as received, still percent-encoded (API Gateway's rawQueryString)
     * @param contentType the Content-Type header, or null
     * @param body        the body's bytes, or null
     */
    public OutboundResponse handle(String requestId, String method, String rawQuery, String contentType, byte[] body) {
        long started = System.nanoTime();
        try (RequestLog.Scope ignored = RequestLog.open(requestId, PATH, null)) {
            Charset charset = StandardCharsets.UTF_8;
            LegacyRequest request = null;
            Map<String, String> answered = Map.of();
            String isSuccess;
            String resultCode;
            OutboundResponse response;
            try {
                request = parser.parse(method, rawQuery, contentType, body);
                charset = request.charset();
                RequestLog.caller(request.get("partner"));
                Served served = serve(request);
                response = served.response();
                answered = served.fields();
                isSuccess = "T";
                resultCode = served.resultCode();
            } catch (LegacyRefusal refusal) {
                LOG.info("legacy refusal: {}", refusal.getMessage());
                response = refused(refusal.error(), charset);
                isSuccess = "F";
                resultCode = refusal.error().name();
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure on {} {}", method, PATH, e);
                response = refused(LegacyError.SYSTEM_ERROR, charset);
                isSuccess = "F";
                resultCode = LegacyError.SYSTEM_ERROR.name();
            }
            logSummary(request, answered, isSuccess, resultCode, started);
            return response;
        }
    }

    /** The same without an invocation id. */
    public OutboundResponse handle(String method, String rawQuery, String contentType, byte[] body) {
        return handle(null, method, rawQuery, contentType, body);
    }

    /**
     * The request's one line. partner_trans_id and out_trade_no are the paymentRequestId, alipay_trans_id and
     * trade_no the paymentId (the answer's, else the request's), partner_refund_id the refundRequestId, as the
     * services take them.
     */
    private static void logSummary(LegacyRequest request, Map<String, String> answered, String isSuccess, String resultCode,
                                   long started) {
        String service = request == null ? null : request.get("service");
        var line = RequestLog.summary(LOG, resultCode, started).addKeyValue("isSuccess", isSuccess);
        line = RequestLog.id(line, "service", service);
        if (request != null) {
            line = RequestLog.id(line, RequestLog.PAYMENT_REQUEST_ID, firstOf(request, "partner_trans_id", "out_trade_no"));
            String paymentId = answered.getOrDefault("alipay_trans_id", answered.get("trade_no"));
            line = RequestLog.id(line, RequestLog.PAYMENT_ID,
                    paymentId != null ? paymentId : firstOf(request, "alipay_trans_id", "trade_no"));
            line = RequestLog.id(line, RequestLog.REFUND_REQUEST_ID, request.nonEmpty("partner_refund_id"));
        }
        line.log("{} service={} partner={} is_success={} result={} {}ms", PATH, printable(service),
                printable(request == null ? null : request.get("partner")), isSuccess, resultCode, RequestLog.millisSince(started));
    }

    private static String firstOf(LegacyRequest request, String name, String otherName) {
        String value = request.nonEmpty(name);
        return value != null ? value : request.nonEmpty(otherName);
    }

    /** An unexpected failure that escaped {@link #handle} (the framework's own): SYSTEM_ERROR, as XML. */
    public OutboundResponse refuseUnexpected(Throwable error) {
        LOG.error("Unexpected failure on {}", PATH, error);
        return refused(LegacyError.SYSTEM_ERROR, StandardCharsets.UTF_8);
    }

    /**
     * An accepted request's answer, and what it says for the log: its result_code (notify_verify: true or false)
     * and the fields of its {@code <response>}.
     */
    private record Served(OutboundResponse response, String resultCode, Map<String, String> fields) {
    }

    private Served serve(LegacyRequest request) {
        Map<String, String> params = request.asMap();
        LegacyService service = LegacyService.of(params);
        if (service == LegacyService.NOTIFY_VERIFY) {
            // unsigned (§8.2): true only for a notify_id this gateway sent to this very partner
            boolean sent = LegacyPartnerId.isWellFormed(params.get("partner"))
                    && notifications.legacyNotificationSent(params.get("partner"), params.get("notify_id"));
            return new Served(text(Boolean.toString(sent), request.charset()), Boolean.toString(sent), Map.of());
        }
        LegacyPartnerId partner = LegacyPartnerId.parse(params.get("partner"));
        KnownClient client = clients.find(partner.value()).orElseThrow(
                () -> new LegacyRefusal(LegacyError.ILLEGAL_PARTNER, "partner is not a client of this gateway"));
        LegacyPartnerKeys keys = new LegacyPartnerKeys(md5Keys.forPartner(partner.value()).orElse(null),
                List.copyOf(client.keys().candidates(null)));
        LegacySignType type = LegacySignature.verify(params, request.charset(), keys);
        LegacyAnswerSigner signer = type == LegacySignType.MD5
                ? LegacyAnswerSigner.md5(keys.md5Key())
                : LegacyAnswerSigner.rsa(type, gatewaySigner);
        Map<String, String> fields = services.get(service).apply(client, request);
        byte[] xml = LegacyAnswer.accepted(params, fields).render(request.charset(), signer);
        return new Served(xml(xml, request.charset()), fields.get("result_code"), fields);
    }

    // ------------------------------------------------------------------ the services

    /** §8.3: a user-presented payment of buyer_identity_code, partner_trans_id as its paymentRequestId. */
    private Map<String, String> spotPay(KnownClient client, LegacyRequest request) {
        String transId = bounded(request, "partner_trans_id", 64);
        String transName = bounded(request, "trans_name", 256);
        String code = bounded(request, "buyer_identity_code", 32);
        Money amount = LegacyAmount.parse("trans_amount", request.get("trans_amount"), request.get("currency"));
        if (!PaymentCodes.isWellFormed(code)) {
            // never echoed into a log: it is the customer's code
            return LegacyViews.failed(LegacyService.SPOT_PAY, "SOUNDWAVE_PARSER_FAIL");
        }
        Map<String, Object> extend = extendInfo(request);
        String merchantId = request.nonEmpty("alipay_seller_id") != null ? request.get("alipay_seller_id")
                : client.client().clientId();
        String merchantName = text(extend, "secondary_merchant_name", client.client().name());
        OrderDetails order = new OrderDetails(transId, transName, merchantId, merchantName,
                text(extend, "secondary_merchant_industry", null), text(extend, "store_id", null),
                text(extend, "store_name", null), null, text(extend, "terminal_id", null));
        // the result goes to notify_url (if any) signed with the sign_type this request was verified with
        PayRequest pay = new PayRequest(transId, Scenario.USER_PRESENTED, amount, code, order, notifyUrl(request), null,
                null, null, NotifyFormat.legacy(request.get("sign_type")));
        try {
            return LegacyViews.payAnswer(payments.place(client, pay));
        } catch (ProtocolException e) {
            return business(LegacyService.SPOT_PAY, e);
        }
    }

    /** §8.4: by alipay_trans_id (checked first) and/or partner_trans_id; both must name the same payment. */
    private Map<String, String> query(KnownClient client, LegacyRequest request) {
        try {
            return LegacyViews.queryAnswer(find(client, request.nonEmpty("alipay_trans_id"),
                    request.nonEmpty("partner_trans_id")));
        } catch (ProtocolException e) {
            if (e.code() == ResultCode.ORDER_NOT_EXIST) {
                // §8.4: "error (e.g. TRANS_NOT_FOUND)"
                return LegacyViews.failed(LegacyService.QUERY, "TRANS_NOT_FOUND");
            }
            return business(LegacyService.QUERY, e);
        }
    }

    /**
     * §8.5: unpaid → closed, paid → reversed in full, only inside the legacy window ({@link LegacyCancelWindow}, the
     * transaction's GMT+8 day and 15 minutes), judged by the gateway's clock.
     */
    private Map<String, String> cancel(KnownClient client, LegacyRequest request) {
        Payment payment;
        try {
            payment = find(client, request.nonEmpty("trade_no"), request.nonEmpty("out_trade_no"));
        } catch (ProtocolException e) {
            return LegacyViews.cancelRefused(null, BUSINESS_ERRORS.getOrDefault(e.code(), e.code().name()),
                    "no such transaction", LegacyRetryFlag.N);
        }
        Instant now = clock.instant();
        if (!LegacyCancelWindow.isOpen(payment.createdAt(), now)) {
            return LegacyViews.cancelRefused(payment, "TRADE_STATUS_ERROR",
                    "the cancel window closed at " + LegacyViews.time(LegacyCancelWindow.closesAt(payment.createdAt()))
                            + " (GMT+8); refund instead", LegacyRetryFlag.N);
        }
        try {
            return LegacyViews.cancelAnswer(payments.cancelPayment(client, payment));
        } catch (ProtocolException e) {
            return LegacyViews.cancelRefused(payment, BUSINESS_ERRORS.getOrDefault(e.code(), e.code().name()),
                    e.result().resultMessage(), LegacyRetryFlag.N);
        }
    }

    /** §8.6: partner_refund_id as the refundRequestId; never more than was paid (the AMS reservation). */
    private Map<String, String> spotRefund(KnownClient client, LegacyRequest request) {
        String refundId = bounded(request, "partner_refund_id", 64);
        String transId = bounded(request, "partner_trans_id", 64);
        if (refundId.equals(transId)) {
            // §8.6: "partner_refund_id ... ≠ partner_trans_id"
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "partner_refund_id must differ from partner_trans_id");
        }
        Money amount = LegacyAmount.parse("refund_amount", request.get("refund_amount"), request.get("currency"));
        String reason = request.nonEmpty("refund_reason");
        if (reason != null && reason.length() > 128) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "refund_reason is longer than 128");
        }
        boolean sync = isSync(request);
        String refundNotifyUrl = sync ? null : notifyUrl(request);
        try {
            Payment payment = find(client, request.nonEmpty("alipay_trans_id"), transId);
            Refund refund = refunds.place(client,
                    new RefundRequest(refundId, payment.paymentId(), amount, null, reason,
                            refundNotifyUrl, NotifyFormat.legacy(request.get("sign_type"))), sync);
            return LegacyViews.refundAnswer(payment, refund);
        } catch (ProtocolException e) {
            return business(LegacyService.SPOT_REFUND, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The partner's payment named by its id and/or its partner_trans_id; both, when given, must agree. */
    private Payment find(KnownClient client, String paymentId, String transId) {
        Payment payment = payments.current(client, new PaymentLookup(paymentId, transId));
        if (paymentId != null && transId != null && !transId.equals(payment.paymentRequestId())) {
            throw new ProtocolException(ResultCode.ORDER_NOT_EXIST, "alipay_trans_id and partner_trans_id differ");
        }
        return payment;
    }

    /**
     * An AMS refusal as this API says it: a malformed or inconsistent request is refused at the gateway level
     * (nothing was written); a business reason goes inside {@code <response>} as §8.3's error.
     */
    private static Map<String, String> business(LegacyService service, ProtocolException e) {
        switch (e.code()) {
            case PARAM_ILLEGAL, CURRENCY_NOT_SUPPORT -> throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT,
                    e.result().resultMessage());
            // the same partner_trans_id / partner_refund_id with another amount, currency, code or payment
            case REPEAT_REQ_INCONSISTENT -> throw new LegacyRefusal(LegacyError.INVALID_PARAMETER,
                    e.result().resultMessage());
            case ACCESS_DENIED -> throw new LegacyRefusal(LegacyError.HAS_NO_PRIVILEGE, e.result().resultMessage());
            default -> {
                return LegacyViews.failed(service, BUSINESS_ERRORS.getOrDefault(e.code(), e.code().name()));
            }
        }
    }

    /**
     * §8.6 is_sync: Y waits for the wallet's verdict (as an AMS refund does), N is accepted at once and followed up,
     * its verdict posted to notify_url when it names one (Y: "sync result only", so no notification).
     * A missing is_sync is Y: §8.6 calls N the default, but a client that says nothing has always had the verdict in
     * the answer, and N's verdict comes later (query, or a repeat of the refund).
     */
    private static boolean isSync(LegacyRequest request) {
        String value = request.nonEmpty("is_sync");
        if (value == null || value.equals("Y")) {
            return true;
        }
        if (value.equals("N")) {
            return false;
        }
        throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "is_sync is not Y or N");
    }

    /** §8.3 notify_url "optional async URL (≤200)"; the destination rules are the pay's (NotifyUrlRule). */
    private static String notifyUrl(LegacyRequest request) {
        String url = request.nonEmpty("notify_url");
        if (url != null && url.length() > 200) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "notify_url is longer than 200");
        }
        return url;
    }

    private static String bounded(LegacyRequest request, String name, int max) {
        String value = request.nonEmpty(name);
        if (value == null) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, name + " is missing");
        }
        if (value.length() > max) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, name + " is longer than " + max);
        }
        return value;
    }

    /** §8.3 extend_info: a JSON object of descriptive fields; anything else is ILLEGAL_ARGUMENT. */
    private Map<String, Object> extendInfo(LegacyRequest request) {
        String text = request.nonEmpty("extend_info");
        if (text == null) {
            return Map.of();
        }
        try {
            return json.parseObject(text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new LegacyRefusal(LegacyError.ILLEGAL_ARGUMENT, "extend_info is not a JSON object");
        }
    }

    private static String text(Map<String, Object> object, String name, String otherwise) {
        Object value = object.get(name);
        return value instanceof String s && !s.isEmpty() && s.length() <= 256 ? s : otherwise;
    }

    private static OutboundResponse refused(LegacyError error, Charset charset) {
        return xml(LegacyAnswer.refused(error).render(charset), charset);
    }

    private static OutboundResponse xml(byte[] body, Charset charset) {
        return new OutboundResponse(200, Map.of("content-type", "text/xml; charset=" + charset.name()), body);
    }

    private static OutboundResponse text(String body, Charset charset) {
        return new OutboundResponse(200, Map.of("content-type", "text/plain; charset=" + charset.name()),
                body.getBytes(charset));
    }

    /** A parameter for a log line: short and plain, else not shown. */
    private static String printable(String value) {
        return value != null && value.length() <= 64 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                ? value : "-";
    }
}
