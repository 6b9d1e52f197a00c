package dev.scanpay.walletapi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * What {@link RacingTriggersTest} keeps of a race, on one real-time axis ({@link System#nanoTime}): each
 * payment's history (what the test did and saw) and the gateway's and the simulator's log lines, captured
 * instead of printed so a failure can show a payment's own story.
 */
final class RaceRecorder implements AutoCloseable {

    private static final long BASE = System.nanoTime();

    /** Real time, for ordering events across threads. */
    static long now() {
        return System.nanoTime() - BASE;
    }

    static String ms(long nanos) {
        return String.format("%10.3fms", nanos / 1_000_000.0);
    }

    /** A {@link Clock} on the same axis: given to the MerchantReceiver so each notification's receipt is ordered too. */
    static final class NanoClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, now());
        }

        static long nanos(Instant at) {
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }
    }

    /** One captured log line. */
    record Line(long at, String level, String logger, String thread, String message) {
        @Override
        public String toString() {
            return ms(at) + " LOG " + level + " " + logger.substring(logger.lastIndexOf('.') + 1) + " [" + thread + "] " + message;
        }
    }

    private final Map<String, ConcurrentLinkedQueue<String>> events = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final Logger scanpay;
    private final Level levelBefore;
    private final boolean additiveBefore;
    private final UnsynchronizedAppenderBase<ILoggingEvent> appender;

    RaceRecorder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        scanpay = context.getLogger("dev.scanpay");
        levelBefore = scanpay.getLevel();
        additiveBefore = scanpay.isAdditive();
        appender = new UnsynchronizedAppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new Line(now(), event.getLevel().toString(), event.getLoggerName(), event.getThreadName(),
                        event.getFormattedMessage()));
            }
        };
        appender.setContext(context);
        appender.setName("race-recorder");
        appender.start();
        scanpay.addAppender(appender);
        // the simulator's "cancelPayment <id>" lines are evidence; thousands of lines on the console are not
        scanpay.setLevel(Level.INFO);
        scanpay.setAdditive(false);
    }

    void event(String paymentId, String what) {
        eventAt(paymentId, now(), "[" + Thread.currentThread().getName() + "] " + what);
    }

    /** Something that happened at {@code at} (on this axis), recorded afterwards. */
    void eventAt(String paymentId, long at, String what) {
        events.computeIfAbsent(paymentId, k -> new ConcurrentLinkedQueue<>()).add(ms(at) + " " + what);
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Log lines mentioning {@code text} (a payment id), oldest first. */
    List<Line> linesAbout(String text) {
        return lines.stream().filter(l -> l.message() != null && l.message().contains(text)).toList();
    }

    /** Everything known of a payment, in real-time order: the test's own events and the log lines naming it. */
    String history(String paymentId) {
        var own = events.getOrDefault(paymentId, new ConcurrentLinkedQueue<>()).stream();
        var logged = linesAbout(paymentId).stream().map(Line::toString);
        return java.util.stream.Stream.concat(own, logged).sorted()
                .collect(Collectors.joining("\n      ", "\n    history of " + paymentId + ":\n      ", ""));
    }

    @Override
    public void close() {
        scanpay.detachAppender(appender);
        appender.stop();
        scanpay.setLevel(levelBefore);
        scanpay.setAdditive(additiveBefore);
    }
}
