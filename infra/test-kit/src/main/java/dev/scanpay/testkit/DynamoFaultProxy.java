package dev.scanpay.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of DynamoDB (Local) that injects the faults a real network and a struggling
 * DynamoDB cause, one request at a time, so the gateway's real SDK client (its timeouts and retries, as
 * {@code BasicsFactory} builds it) is what meets them.
 *
 * <p>Why raw TCP and not an HTTP server or client library: a fault has to be placed exactly where it happens
 * on the wire (a connection reset before the request is forwarded, or after DynamoDB has answered it; an
 * answer that never comes on a kept-alive connection), which an HTTP server library hides behind its own
 * connection handling and timeouts. So the proxy forwards bytes and reads only what it must: each request's
 * header block (for its length and its {@code X-Amz-Target}, which names the operation) and each answer's
 * length ({@code Content-Length} or chunked), to know where one exchange ends on a kept-alive connection. It
 * parses nothing else.
 *
 * <p>Each request gets one {@link Mode}, drawn from the probabilities set (the rest is {@link Mode#PASS}) by a
 * seeded {@link Random}, so a failing run is repeated by its seed (on the same schedule of threads, at least).
 * Faults apply to the operations {@link #onlyOperations} names (all by default); the others pass.
 */
public final class DynamoFaultProxy implements Closeable {

    /** What happens to one request. */
    public enum Mode {
        /** Forwarded, its answer returned. */
        PASS,
        /** Forwarded after {@link #delay(Duration)}, as a slow DynamoDB answers. */
        DELAY,
        /** The connection is reset before anything is forwarded: nothing happened. */
        RESET,
        /** Forwarded and answered by DynamoDB (a write lands), then the client's connection is reset. */
        ANSWER_LOST,
        /** Never forwarded, never answered: the connection stays open until the client gives up. */
        NEVER_ANSWER,
        /** Answered HTTP 500 (InternalServerError) without forwarding. */
        HTTP_500,
        /** Answered HTTP 400 ProvisionedThroughputExceededException without forwarding; the SDK retries it. */
        THROTTLED
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Random random;
    private final Map<Mode, Double> probabilities = new ConcurrentHashMap<>();
    private final Map<Mode, AtomicLong> counts = new EnumMap<>(Mode.class);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Duration delay = Duration.ofMillis(500);
    private volatile Set<String> operations;
    private volatile boolean closed;
    private final Map<String, java.util.Deque<Mode>> forced = new ConcurrentHashMap<>();

    private DynamoFaultProxy(URI upstream, long seed) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.random = new Random(seed);
        for (Mode mode : Mode.values()) {
            counts.put(mode, new AtomicLong());
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "dynamo-fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port in front of {@code upstream} (e.g. DynamoDB Local's endpoint). */
    public static DynamoFaultProxy start(String upstream, long seed) {
        try {
            return new DynamoFaultProxy(URI.create(upstream), seed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The endpoint to give the gateway's DynamoDB client. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, each request takes {@code mode} with this probability (0 to 1; all of them together at most 1). */
    public DynamoFaultProxy inject(Mode mode, double probability) {
        if (mode == Mode.PASS) {
            throw new IllegalArgumentException("PASS is what is left");
        }
        probabilities.put(mode, probability);
        return this;
    }

    /** How long {@link Mode#DELAY} holds a request. */
    public DynamoFaultProxy delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Faults apply only to these operations ({@code PutItem}, {@code TransactWriteItems}, as X-Amz-Target names them). */
    public DynamoFaultProxy onlyOperations(String... names) {
        this.operations = Set.of(names);
        return this;
    }

    /**
     * The next {@code count} requests of {@code operation} take {@code mode}, whatever the probabilities: a test's
     * exact fault ("lose the answer to the next PutItem", and not to its retry).
     */
    public DynamoFaultProxy next(String operation, Mode mode, int count) {
        java.util.Deque<Mode> queue = forced.computeIfAbsent(operation, k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(mode);
        }
        return this;
    }

    /**
     * An outage: every request reset from now for {@code length} (real time: a network fault), then everything
     * passes. Returns the thread that ends it, to join.
     */
    public Thread outage(Duration length) {
        clear();
        inject(Mode.RESET, 1.0);
        Thread ends = new Thread(() -> {
            try {
                Thread.sleep(length.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clear();
        }, "dynamo-fault-proxy-outage");
        ends.setDaemon(true);
        ends.start();
        return ends;
    }

    /** Every request passes from now on (requests already held stay held until their client gives up). */
    public void clear() {
        probabilities.clear();
        forced.clear();
        operations = null;
    }

    /** Requests seen so far, by the mode they were given. */
    public Map<Mode, Long> counts() {
        Map<Mode, Long> copy = new EnumMap<>(Mode.class);
        counts.forEach((mode, n) -> copy.put(mode, n.get()));
        return copy;
    }

    private Mode draw(String operation) {
        java.util.Deque<Mode> queue = forced.get(operation);
        Mode exact = queue == null ? null : queue.poll();
        if (exact != null) {
            return exact;
        }
        Set<String> only = operations;
        if (only != null && !only.contains(operation)) {
            return Mode.PASS;
        }
        double x;
        synchronized (random) {
            x = random.nextDouble();
        }
        for (Mode mode : Mode.values()) {
            Double p = probabilities.get(mode);
            if (p != null) {
                x -= p;
                if (x < 0) {
                    return mode;
                }
            }
        }
        return Mode.PASS;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                Thread thread = new Thread(() -> serve(client), "dynamo-fault-proxy-conn");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    /** One client connection, with its own upstream connection, one exchange at a time (HTTP/1.1 keep-alive). */
    private void serve(Socket client) {
        Socket dynamo = null;
        try (client) {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            while (true) {
                byte[] head = readHead(fromClient);
                if (head == null) {
                    return;
                }
                String headers = new String(head, StandardCharsets.ISO_8859_1);
                byte[] body = fromClient.readNBytes((int) contentLength(headers));
                String target = header(headers, "x-amz-target");
                String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
                Mode mode = draw(operation);
                counts.get(mode).incrementAndGet();
                switch (mode) {
                    case RESET -> {
                        reset(client);
                        return;
                    }
                    case NEVER_ANSWER -> {
                        // hold it: the client's attempt timeout ends it by closing the connection
                        while (fromClient.read() >= 0) {
                            // discard
                        }
                        return;
                    }
                    case HTTP_500 -> answer(toClient, 500, "Internal Server Error",
                            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"injected\"}");
                    case THROTTLED -> answer(toClient, 400, "Bad Request",
                            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
                    default -> {
                        if (mode == Mode.DELAY) {
                            Thread.sleep(delay.toMillis());
                        }
                        if (dynamo == null) {
                            dynamo = new Socket(upstream.getAddress(), upstream.getPort());
                            dynamo.setTcpNoDelay(true);
                        }
                        dynamo.getOutputStream().write(head);
                        dynamo.getOutputStream().write(body);
                        dynamo.getOutputStream().flush();
                        byte[] answer = readExchange(dynamo.getInputStream());
                        if (answer == null) {
                            reset(client);
                            return;
                        }
                        if (mode == Mode.ANSWER_LOST) {
                            reset(client);
                            return;
                        }
                        toClient.write(answer);
                        toClient.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the client or DynamoDB went away: so does this exchange
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
            if (dynamo != null) {
                try {
                    dynamo.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private static void answer(OutputStream out, int status, String reason, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: fault-proxy\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** A TCP RST, not a FIN: what a dropped connection looks like to the client. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The header block through its blank line, or null at the end of the stream before any byte of it. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < HEADER_END.length) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a header block");
            }
            head.write(b);
            matched = b == HEADER_END[matched] ? matched + 1 : (b == HEADER_END[0] ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** One whole answer, as read: its header block and its body (by Content-Length, or chunked). */
    private static byte[] readExchange(InputStream in) throws IOException {
        byte[] head = readHead(in);
        if (head == null) {
            return null;
        }
        String headers = new String(head, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + 512);
        all.write(head);
        String encoding = header(headers, "transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in, all);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    // trailers, if any, then the blank line
                    while (!readLine(in, all).isEmpty()) {
                        // trailer
                    }
                    return all.toByteArray();
                }
                all.write(in.readNBytes(size));
                readLine(in, all);
            }
        }
        all.write(in.readNBytes((int) contentLength(headers)));
        return all.toByteArray();
    }

    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            copy.write(b);
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("stream ended inside a chunked body");
        }
        return line.toString();
    }

    private static long contentLength(String headers) {
        String value = header(headers, "content-length");
        return value == null ? 0 : Long.parseLong(value.trim());
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
