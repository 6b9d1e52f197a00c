package dev.scanpay.core.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A listener on an ephemeral 127.0.0.1 port, opened by this process for itself, that reads one HTTP/1.1
 * request and answers it with one fixed JSON body, then closes: what {@link OutboundHttp#prime} calls, so the
 * outbound client runs a whole exchange (connect, write, read, close) without anything leaving the machine.
 * Raw sockets on purpose: a server library would load classes the function never uses.
 */
final class LoopbackAnswer implements AutoCloseable {

    static final byte[] BODY = "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Thread thread;

    LoopbackAnswer(Duration timeout) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) timeout.toMillis());
        thread = new Thread(() -> answerOne((int) timeout.toMillis()), "priming-loopback");
        thread.setDaemon(true);
        thread.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void answerOne(int timeoutMillis) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(timeoutMillis);
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: " + BODY.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(BODY);
            out.flush();
        } catch (IOException e) {
            // the caller sees the failed exchange; nothing here to report
        }
    }

    /** The header block, then as many body bytes as Content-Length says. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.skipNBytes(length);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listener that already served or timed out
        }
        thread.interrupt();
    }
}
