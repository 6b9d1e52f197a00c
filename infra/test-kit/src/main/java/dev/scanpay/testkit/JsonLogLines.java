package dev.scanpay.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the functions print on stdout while some work runs, as CloudWatch Logs would get it from Lambda: the raw
 * text, and each line parsed as JSON (every line must parse: core's logback.xml writes one object per line).
 * The Embedded Metric Format lines of {@code EmfMetrics} share stdout and are told apart by their {@code _aws}
 * field; {@link #logLines()} leaves them out.
 */
public final class JsonLogLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final List<JsonNode> lines;

    private JsonLogLines(String text, List<JsonNode> lines) {
        this.text = text;
        this.lines = lines;
    }

    /** Runs {@code work} with stdout captured (and still echoed), then parses what it printed. */
    public static JsonLogLines during(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(captured, original), true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                parsed.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError("a line on stdout is not JSON: " + line, e);
            }
        }
        return new JsonLogLines(text, List.copyOf(parsed));
    }

    /** Everything printed, as text. */
    public String text() {
        return text;
    }

    /** The log lines (not the metric lines), in order. */
    public List<JsonNode> logLines() {
        return lines.stream().filter(line -> !line.has("_aws")).toList();
    }

    /** The log lines from the gateway's own code (not the wallet simulator's, which is the wallet). */
    public List<JsonNode> gatewayLines() {
        return logLines().stream().filter(line -> !line.path("logger").asText().startsWith("dev.scanpay.simulator")).toList();
    }

    /** The summary lines ({@code kind} request). */
    public List<JsonNode> summaries() {
        return matching(line -> "request".equals(line.path("kind").asText()));
    }

    /** The outbound call lines ({@code kind} call). */
    public List<JsonNode> calls() {
        return matching(line -> "call".equals(line.path("kind").asText()));
    }

    public List<JsonNode> matching(Predicate<JsonNode> test) {
        return gatewayLines().stream().filter(test).toList();
    }

    /** Writes to both streams: the test's output keeps the lines a reader of a failed run wants. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        Tee(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
