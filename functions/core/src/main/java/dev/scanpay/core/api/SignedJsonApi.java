package dev.scanpay.core.api;

import dev.scanpay.core.model.client.ClientIds;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed JSON API over HTTP, adapter-free, as both Alipay protocols shape it (AMS towards merchants,
 * Alipay+ towards wallets): every request is a POST of JSON signed by a registered caller, every answer is
 * HTTP 200 with a {@code result} and signed by the gateway (Alipay's SDKs treat any other status as a
 * transport error and do not read the body). Malformed JSON, a wrong content type, an oversized body, an
 * unknown path and our own bugs all get a result code; none gets a stack trace. Each operation has a deadline
 * ({@link AnswerDeadlines}): when it passes, the answer is a signed U {@code UNKNOWN_EXCEPTION}, true whatever
 * the work has done so far, and the work finishes on its own.
 *
 * @param <C> who the authenticator says is calling (a merchant client, a wallet)
 */
public final class SignedJsonApi<C> {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SignedJsonApi.class);

    private final Function<InboundRequest, C> authenticator;
    private final Json json;
    private final MessageSigner signer;
    private final Clock clock;
    private final AnswerDeadlines deadlines;
    private final Map<String, Operation<C>> operations = new LinkedHashMap<>();
    /** The ids a request or its answer may name (wire name to the log's field), logged with its summary. */
    private Map<String, String> loggedIds = Map.of(RequestLog.PAYMENT_ID, RequestLog.PAYMENT_ID,
            RequestLog.PAYMENT_REQUEST_ID, RequestLog.PAYMENT_REQUEST_ID, RequestLog.REFUND_ID, RequestLog.REFUND_ID,
            RequestLog.REFUND_REQUEST_ID, RequestLog.REFUND_REQUEST_ID);

    private record Operation<C>(BiFunction<C, Fields, Map<String, Object>> handler, Duration deadline) {
    }

    /**
     * @param authenticator throws a {@link ProtocolException} with the protocol's own code for a caller it refuses
     * @param deadlines     how long operations may take to answer ({@link AnswerDeadlines#usual()} unless registered
     *                      with their own)
     */
    public SignedJsonApi(Function<InboundRequest, C> authenticator, Json json, MessageSigner signer, Clock clock,
                         AnswerDeadlines deadlines) {
        this.authenticator = authenticator;
        this.json = json;
        this.signer = signer;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    /**
     * Which ids of a request or its answer its summary line carries, and under which field: by default the AMS
     * names as they are ({@code paymentId}, {@code paymentRequestId}, {@code refundId}, {@code refundRequestId}).
     * Never a field holding a code, a code token or a key.
     */
    public void logIds(Map<String, String> wireNameToField) {
        this.loggedIds = Map.copyOf(wireNameToField);
    }

    /** Serves {@code path} (exact) with {@code handler}, which returns the answer body or throws a refusal. */
    public void register(String path, BiFunction<C, Fields, Map<String, Object>> handler) {
        register(path, handler, deadlines.usual());
    }

    /** The same, answering U {@code UNKNOWN_EXCEPTION} when {@code deadline} passes before the handler returns. */
    public void register(String path, BiFunction<C, Fields, Map<String, Object>> handler, Duration deadline) {
        operations.put(path, new Operation<>(handler, deadline));
    }

    /** Answers one request, and logs it as one summary line ({@link RequestLog}). */
    public OutboundResponse handle(InboundRequest request) {
        try (RequestLog.Scope ignored = RequestLog.open(request.header(RequestLog.INVOCATION_HEADER), request.path(),
                request.header("Client-Id"))) {
            return answer(request);
        }
    }

    private OutboundResponse answer(InboundRequest request) {
        long started = System.nanoTime();
        // the ids the request named, for its summary line (filled on the thread that parses it)
        Map<String, Object> named = new ConcurrentHashMap<>();
        Map<String, Object> answer;
        try {
            Operation<C> operation = operations.get(request.path());
            Duration deadline = operation == null ? deadlines.usual() : operation.deadline();
            answer = deadlines.within(deadline, RequestLog.carried(() -> dispatch(request, operation, named))).orElseGet(() -> {
                LOG.warn("{} client={} had no answer within {}; answered U", request.path(), request.header("Client-Id"), deadline);
                return failure(Result.of(ResultCode.UNKNOWN_EXCEPTION,
                        "no final answer within " + deadline.toMillis() + " ms; retry with the same request ids or inquire"));
            });
        } catch (ProtocolException e) {
            answer = failure(e.result());
        } catch (Json.MalformedJsonException e) {
            answer = failure(Result.of(ResultCode.PARAM_ILLEGAL, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", request.method(), request.path(), e);
            answer = failure(internalError());
        }
        OutboundResponse response = signed(request, answer);
        logSummary(request, named, answer, started);
        return response;
    }

    /** The one line per request: its result and latency, and the ids it was about (what it answered, else what it named). */
    private void logSummary(InboundRequest request, Map<String, Object> named, Map<String, Object> answer, long started) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) answer.get("result");
        var line = RequestLog.summary(LOG, String.valueOf(result.get("resultCode")), started)
                .addKeyValue(RequestLog.RESULT_STATUS, result.get("resultStatus"));
        for (Map.Entry<String, String> id : new java.util.TreeMap<>(loggedIds).entrySet()) {
            String wire = id.getKey();
            line = RequestLog.id(line, id.getValue(), answer.get(wire) instanceof String answered ? answered : named.get(wire));
        }
        line.log("{} client={} result={}/{} {}ms", request.path(), request.header("Client-Id"), result.get("resultStatus"),
                result.get("resultCode"), RequestLog.millisSince(started));
    }

    /** A signed UNKNOWN_EXCEPTION for a failure that escaped {@link #handle} (the framework's own). */
    public OutboundResponse refuseUnexpected(InboundRequest request, Throwable error) {
        LOG.error("Unexpected failure on {} {}", request.method(), request.path(), error);
        return signed(request, failure(internalError()));
    }

    private Map<String, Object> dispatch(InboundRequest request, Operation<C> operation, Map<String, Object> named) {
        if (operation == null) {
            throw new ProtocolException(ResultCode.NO_INTERFACE_DEF, "no API at " + request.path());
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            throw new ProtocolException(ResultCode.METHOD_NOT_SUPPORTED, "use POST");
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || !isJsonUtf8(contentType)) {
            throw new ProtocolException(ResultCode.MEDIA_TYPE_NOT_ACCEPTABLE,
                    "Content-Type must be application/json; charset=UTF-8");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > MAX_BODY_BYTES) {
            throw ProtocolException.paramIllegal("body", "is larger than " + MAX_BODY_BYTES + " bytes");
        }
        C caller = authenticator.apply(request);
        Map<String, Object> parsed = json.parseObject(body);
        for (String id : loggedIds.keySet()) {
            if (parsed.get(id) instanceof String value) {
                named.put(id, value);
            }
        }
        Fields fields = Fields.root(parsed);
        return operation.handler().apply(caller, fields);
    }

    private static boolean isJsonUtf8(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=") && !param.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static Result internalError() {
        return Result.of(ResultCode.UNKNOWN_EXCEPTION, "internal error; retry with the same request ids");
    }

    private static Map<String, Object> failure(Result result) {
        return JsonObject.create().put("result", result.toWire()).build();
    }

    private OutboundResponse signed(InboundRequest request, Map<String, Object> answer) {
        byte[] body = json.write(answer);
        String clientId = request.header("Client-Id");
        // echo only a well-formed id: an attacker must not choose arbitrary text for the gateway to sign
        String asClientId = ClientIds.isWellFormed(clientId) ? clientId : signer.clientId();
        String responseTime = RequestTime.format(clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        // lower-case, as Antom sends them: some clients derived from Alipay's PHP SDK match them case-sensitively
        headers.put("content-type", "application/json; charset=UTF-8");
        headers.put("client-id", asClientId);
        headers.put("response-time", responseTime);
        headers.put("signature", signer.sign("POST", request.path(), asClientId, responseTime, body));
        return new OutboundResponse(200, headers, body);
    }
}
