package dev.scanpay.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every line logged in this JVM while open, at every level the configuration lets through, as formatted
 * messages (with any stack trace): what an operator's alarm filter or a log reader would see.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Logger scanpay = (Logger) LoggerFactory.getLogger("dev.scanpay");
    private final ch.qos.logback.classic.Level scanpayLevel = scanpay.getLevel();

    public LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Also what the gateway logs at DEBUG (signature checks, refusals), which an operator may switch on. */
    public LogCapture debug() {
        scanpay.setLevel(ch.qos.logback.classic.Level.DEBUG);
        return this;
    }

    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .toList();
        }
    }

    /** Lines containing {@code text}. */
    public List<String> containing(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        scanpay.setLevel(scanpayLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
