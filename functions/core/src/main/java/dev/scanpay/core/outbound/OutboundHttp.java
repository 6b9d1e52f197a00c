package dev.scanpay.core.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the gateway calls out (merchant notifications, wallet calls). Each call has a deadline on
 * the whole exchange, answer body included, so an endpoint that drips its answer cannot hold a worker
 * past it (OkHttp's call timeout; the JDK client's request timeout stops at the headers), and reads at
 * most {@code maxAnswerBytes} of the answer. Destinations follow {@link DestinationRules}: the URL is
 * checked, then every address its host resolves to, inside the client's own DNS hook, and the client
 * connects to exactly those addresses, so a second lookup cannot swap in another (DNS rebinding). No
 * redirect is followed, no proxy used, nothing retried behind the caller's back. Failures come back as
 * {@link OutboundFailure} categories; what the network said is logged for the operator only.
 */
public final class OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundHttp.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

    /** What a call got: an answer of at most the cap (any status), or a failure category. */
    public sealed interface Exchange permits Answered, Failed {
    }

    /** Named as {@link java.net.http.HttpResponse} names them, so callers read an answer the same way. */
    public record Answered(int statusCode, HttpHeaders headers, byte[] body) implements Exchange {
    }

    public record Failed(OutboundFailure failure) implements Exchange {
    }

    /** Thrown from the DNS hook when a resolved address is refused, to tell it apart from a lookup failure. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    /** Thrown from the DNS hook when the lookup outlives the call's deadline. */
    private static final class SlowLookup extends UnknownHostException {
        SlowLookup(String message) {
            super(message);
        }
    }

    /**
     * The deadline (System.nanoTime) of the call the current thread is making. OkHttp runs a synchronous call's
     * DNS hook on the calling thread, and its call timeout cannot interrupt a thread blocked in the resolver (it
     * only cancels sockets), so the hook waits for the lookup only until this deadline.
     */
    private static final ThreadLocal<Long> CALL_DEADLINE = new ThreadLocal<>();

    /** Lookups run here, so a slow name server keeps only this thread waiting, until the resolver gives up. */
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "outbound-dns");
        thread.setDaemon(true);
        return thread;
    });

    /** Host name to addresses: the system's resolver, or in tests one that answers what DNS rebinding would. */
    interface Resolver {
        List<InetAddress> lookup(String host) throws UnknownHostException;
    }

    private final DestinationRules rules;
    private final int maxAnswerBytes;
    private final Resolver resolver;
    private final OkHttpClient client;

    public OutboundHttp(DestinationRules rules, int maxAnswerBytes, Duration connectTimeout) {
        this(rules, maxAnswerBytes, connectTimeout, Dns.SYSTEM::lookup);
    }

    OutboundHttp(DestinationRules rules, int maxAnswerBytes, Duration connectTimeout, Resolver resolver) {
        this.rules = rules;
        this.maxAnswerBytes = maxAnswerBytes;
        this.resolver = resolver;
        this.client = new OkHttpClient.Builder()
                .dns(this::resolve)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(connectTimeout)
                // per read and write; each call's own deadline bounds the whole exchange
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
    }

    /**
     * POSTs {@code body} as JSON to {@code url}. {@code headers} gets the path as it will be sent (what a
     * signature covers) and gives the request's headers.
     */
    public Exchange post(String url, Function<String, Map<String, String>> headers, byte[] body, Duration deadline) {
        return exchange(url, headers, RequestBody.create(body, JSON), deadline);
    }

    /**
     * POSTs {@code fields} as an {@code application/x-www-form-urlencoded} form (OkHttp's encoding, UTF-8) to
     * {@code url}: the legacy API's notifications (protocol.md §8.2).
     */
    public Exchange postForm(String url, Map<String, String> fields, Duration deadline) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
        fields.forEach(form::add);
        return exchange(url, path -> Map.of(), form.build(), deadline);
    }

    private Exchange exchange(String url, Function<String, Map<String, String>> headers, RequestBody body,
                              Duration deadline) {
        HttpUrl target = url == null ? null : HttpUrl.parse(url);
        Optional<String> refusal = rules.refusalOf(url);
        if (target == null || refusal.isPresent()) {
            LOG.warn("Outbound call refused before sending: {}", refusal.orElse("not an http(s) URL"));
            return new Failed(OutboundFailure.REFUSED_DESTINATION);
        }
        Optional<String> literalRefusal = checkLiteral(target.host());
        if (literalRefusal.isPresent()) {
            LOG.warn("Outbound call to {} refused: {}", target.host(), literalRefusal.get());
            return new Failed(OutboundFailure.REFUSED_DESTINATION);
        }
        return send(client, target, headers, body, deadline);
    }

    /**
     * One exchange with an in-process listener on loopback (never the network, never the destination rules'
     * business: the address is this process's own), through this client's configuration and code path, so the
     * classes and code of a real call are loaded and run before the first real one. Its own connection pool, so
     * no connection to the listener is left among the real ones. For priming; true when the answer came back.
     */
    public boolean prime(Duration deadline) {
        // the destination checks a real call makes, on documentation addresses (RFC 5737, RFC 3849): judged
        // here and acted on nowhere, so the address library is loaded and initialised before the first call
        rules.refusalOf("https://wallet.example/priming");
        rules.refusalOf("https://203.0.113.1/priming");
        rules.refusalOf("https://[2001:db8::1]/priming");
        checkLiteral("203.0.113.1");
        try {
            rules.refusalOf(InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 1}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        try (LoopbackAnswer listener = new LoopbackAnswer(deadline)) {
            OkHttpClient priming = client.newBuilder().connectionPool(new ConnectionPool()).build();
            Exchange exchange = send(priming, HttpUrl.get(listener.url("/priming")),
                    path -> Map.of("Request-Time", "0", "Signature", "priming"), RequestBody.create(LoopbackAnswer.BODY, JSON), deadline);
            priming.connectionPool().evictAll();
            return exchange instanceof Answered answered && answered.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private Exchange send(OkHttpClient via, HttpUrl target, Function<String, Map<String, String>> headers, RequestBody body,
                          Duration deadline) {
        Request.Builder request = new Request.Builder().url(target).post(body);
        headers.apply(target.encodedPath()).forEach(request::header);
        Call call = via.newCall(request.build());
        call.timeout().timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        CALL_DEADLINE.set(System.nanoTime() + deadline.toNanos());
        try (Response response = call.execute()) {
            ResponseBody answer = response.body();
            if (answer.contentLength() > maxAnswerBytes) {
                return tooLarge(target);
            }
            Optional<byte[]> bytes = readCapped(answer.source());
            if (bytes.isEmpty()) {
                return tooLarge(target);
            }
            return new Answered(response.code(), HttpHeaders.of(response.headers().toMultimap(), (name, value) -> true),
                    bytes.get());
        } catch (IOException e) {
            OutboundFailure failure = categorise(e);
            LOG.info("Outbound call to {} failed: {} ({})", target.host(), failure, e.toString());
            return new Failed(failure);
        } finally {
            CALL_DEADLINE.remove();
        }
    }

    /** Up to the cap, or empty when there is more. */
    private Optional<byte[]> readCapped(BufferedSource source) throws IOException {
        Buffer buffer = new Buffer();
        while (source.read(buffer, 8192) != -1) {
            if (buffer.size() > maxAnswerBytes) {
                return Optional.empty();
            }
        }
        return Optional.of(buffer.readByteArray());
    }

    private Failed tooLarge(HttpUrl target) {
        LOG.info("Outbound call to {} answered more than {} bytes", target.host(), maxAnswerBytes);
        return new Failed(OutboundFailure.ANSWER_TOO_LARGE);
    }

    /**
     * OkHttp connects to a literal IP host without asking the DNS hook, so a literal is checked here, the
     * way the client will read it (no lookup happens for a literal).
     */
    private Optional<String> checkLiteral(String host) {
        if (!isIpLiteral(host)) {
            return Optional.empty();
        }
        try {
            return rules.refusalOf(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.of("not an address");
        }
    }

    /**
     * OkHttp's own test (okhttp3.internal.Util.canParseAsIpAddress) for a host it hands to
     * {@code InetAddress.getByName} instead of the DNS hook: IPv6, or digits and dots.
     */
    private static final java.util.regex.Pattern OKHTTP_IP_LITERAL =
            java.util.regex.Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

    private static boolean isIpLiteral(String host) {
        return OKHTTP_IP_LITERAL.matcher(host).matches();
    }

    /** The DNS hook: every address the host resolves to must be allowed, and only those are connected to. */
    private List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = lookupWithinDeadline(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusalOf(address);
            if (refusal.isPresent()) {
                LOG.warn("Outbound call to {} refused: it resolves to {} ({})", host, address.getHostAddress(), refusal.get());
                throw new RefusedAddress(host);
            }
        }
        return addresses;
    }

    private List<InetAddress> lookupWithinDeadline(String host) throws UnknownHostException {
        Long deadline = CALL_DEADLINE.get();
        if (deadline == null) {
            return resolver.lookup(host);
        }
        Future<List<InetAddress>> answer = LOOKUPS.submit(() -> resolver.lookup(host));
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SlowLookup(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new SlowLookup(host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw (UnknownHostException) new UnknownHostException(host).initCause(e.getCause());
        }
    }

    private static OutboundFailure categorise(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SlowLookup) {
                return OutboundFailure.TIMEOUT;
            }
            if (t instanceof RefusedAddress) {
                return OutboundFailure.REFUSED_DESTINATION;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof RefusedAddress) {
                    return OutboundFailure.REFUSED_DESTINATION;
                }
            }
        }
        // OkHttp's call timeout ends the call with InterruptedIOException("timeout"); a connect or read
        // timeout is a SocketTimeoutException, also an InterruptedIOException
        if (e instanceof InterruptedIOException) {
            return OutboundFailure.TIMEOUT;
        }
        return OutboundFailure.CONNECTION_FAILED;
    }
}
