package dev.scanpay.core.observe;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fields of the gateway's log lines, which core's logback.xml writes as one JSON object per line.
 *
 * <p>Every line of one request or event carries its Lambda invocation id, its route or event and its caller
 * (logback's MDC): set once where the request enters ({@link #open}, from {@code SignedJsonApi}, the legacy
 * gateway, the code pages and the event handlers) and carried onto the threads that work for it
 * ({@link #carried}), so a line written anywhere below says which request it belongs to. Each request or event
 * ends with exactly one {@link #summary} line (kind {@value #KIND_REQUEST}: result code, latency, the ids it was
 * about); each wallet call and merchant notification attempt is one {@link #call} line (kind {@value #KIND_CALL}:
 * target, target id, outcome category, duration).
 *
 * <p>Never a key, a whole payment code or a code token in any field: ids only, bounded and printable.
 */
public final class RequestLog {

    /** The Lambda invocation (its awsRequestId); absent on the local stack. */
    public static final String REQUEST_ID = "requestId";
    /** The HTTP route (as declared, never a path holding a token), or the event ("notify", "sweep", "reconcile"). */
    public static final String ROUTE = "route";
    /** The calling merchant, partner or wallet, as it said (checked or not: a refusal is logged too). */
    public static final String CLIENT_ID = "clientId";

    /** What a line is: {@value #KIND_REQUEST} (the one summary of a request or event) or {@value #KIND_CALL}. */
    public static final String KIND = "kind";
    public static final String KIND_REQUEST = "request";
    public static final String KIND_CALL = "call";

    public static final String RESULT_CODE = "resultCode";
    public static final String RESULT_STATUS = "resultStatus";
    public static final String LATENCY_MS = "latencyMs";
    public static final String PAYMENT_ID = "paymentId";
    public static final String PAYMENT_REQUEST_ID = "paymentRequestId";
    public static final String REFUND_ID = "refundId";
    public static final String REFUND_REQUEST_ID = "refundRequestId";

    /** An outbound call's target kind: {@value #TARGET_WALLET} or {@value #TARGET_MERCHANT}. */
    public static final String TARGET = "target";
    public static final String TARGET_WALLET = "wallet";
    public static final String TARGET_MERCHANT = "merchant";
    /** The wallet's id, or the notified merchant's client id. */
    public static final String TARGET_ID = "targetId";
    /** The operation called: pay, inquiryPayment, ..., notify. */
    public static final String CALL = "call";
    /** How the call went, as a category (S, F, U, NoAnswer for wallets; ACKNOWLEDGED or the failure for merchants). */
    public static final String OUTCOME = "outcome";

    /**
     * The key under which Micronaut's event handlers put the invocation id in the MDC; {@link #open} takes it from
     * there when not given one, and logback.xml leaves it out (the line has it as {@value #REQUEST_ID}).
     */
    static final String LAMBDA_REQUEST_ID = "AWSRequestId";

    /**
     * The header the HTTP functions' Lambda entry point sets on each request: the invocation's id, replacing any
     * value a client sent. The controllers run on other threads than the entry point, and the request is all they
     * share.
     */
    public static final String INVOCATION_HEADER = "X-Scanpay-Invocation-Id";

    private static final int MAX_VALUE_LENGTH = 64;

    private RequestLog() {
    }

    /** Starts a request's fields on this thread; closing the scope puts back what was there before. */
    public static Scope open(String requestId, String route, String clientId) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        put(REQUEST_ID, requestId != null ? requestId : MDC.get(LAMBDA_REQUEST_ID));
        put(ROUTE, route);
        put(CLIENT_ID, clientId);
        return () -> restore(before);
    }

    /** Names the caller once it is known (a legacy partner is read from the request's parameters). */
    public static void caller(String clientId) {
        put(CLIENT_ID, clientId);
    }

    /** {@code work} as it will run on another thread: with this thread's request fields, and without them after. */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            restore(fields);
            try {
                return work.get();
            } finally {
                restore(before);
            }
        };
    }

    /** The same for work that returns nothing. */
    public static Runnable carried(Runnable work) {
        Supplier<Void> supplier = carried(() -> {
            work.run();
            return null;
        });
        return supplier::get;
    }

    /**
     * The one line a request or event ends with, at INFO: its result code and latency; the caller adds the ids it
     * was about ({@link #id}) and logs it with a readable message.
     */
    public static LoggingEventBuilder summary(Logger log, String resultCode, long startedNanos) {
        return log.atInfo()
                .addKeyValue(KIND, KIND_REQUEST)
                .addKeyValue(RESULT_CODE, resultCode)
                .addKeyValue(LATENCY_MS, millisSince(startedNanos));
    }

    /**
     * One outbound call, on {@code line} (a logger's {@code atInfo()}, or {@code atWarn()} for one that gives up): to
     * which wallet or merchant, what for, how it went, how long it took.
     */
    public static LoggingEventBuilder call(LoggingEventBuilder line, String target, String targetId, String call,
                                           String outcome, long latencyMs) {
        return line
                .addKeyValue(KIND, KIND_CALL)
                .addKeyValue(TARGET, target)
                .addKeyValue(TARGET_ID, printable(targetId))
                .addKeyValue(CALL, call)
                .addKeyValue(OUTCOME, outcome)
                .addKeyValue(LATENCY_MS, latencyMs);
    }

    /** Adds an id field to a line when there is one to add: a value a client chose is logged only short and plain. */
    public static LoggingEventBuilder id(LoggingEventBuilder line, String name, Object value) {
        String id = value instanceof String s ? printable(s) : null;
        return id == null ? line : line.addKeyValue(name, id);
    }

    public static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** A value for a field: at most {@value #MAX_VALUE_LENGTH} printable ASCII characters, else none. */
    static String printable(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? value : null;
    }

    private static void put(String key, String value) {
        String field = printable(value);
        if (field == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, field);
        }
    }

    private static void restore(Map<String, String> fields) {
        if (fields == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }

    /** A request's fields, removed when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
