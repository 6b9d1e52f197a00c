package dev.scanpay.core.config;

import dev.scanpay.core.outbound.DestinationRules;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Settings of every call the gateway makes out (merchant notifications, wallet calls), read here and
 * nowhere else. The defaults are what a deployment gets: loopback refused, https required. Only the local
 * stack and the test harnesses turn {@code allow-loopback} on and {@code require-https} off; the Lambda
 * functions never set either (a template test checks).
 */
@Singleton
public final class OutboundConfig {

    private final Duration notifyTimeout;
    private final Duration connectTimeout;
    private final int maxAnswerBytes;
    private final boolean allowLoopback;
    private final boolean requireHttps;

    public OutboundConfig(@Value("${scanpay.outbound.notify-timeout:5s}") Duration notifyTimeout,
                          @Value("${scanpay.outbound.connect-timeout:2s}") Duration connectTimeout,
                          @Value("${scanpay.outbound.max-answer-bytes:65536}") int maxAnswerBytes,
                          @Value("${scanpay.outbound.allow-loopback:false}") boolean allowLoopback,
                          @Value("${scanpay.outbound.require-https:true}") boolean requireHttps) {
        this.notifyTimeout = notifyTimeout;
        this.connectTimeout = connectTimeout;
        this.maxAnswerBytes = maxAnswerBytes;
        this.allowLoopback = allowLoopback;
        this.requireHttps = requireHttps;
    }

    /** The whole exchange of one notification attempt: connect, send, headers and body. */
    public Duration notifyTimeout() { return notifyTimeout; }
    /** Connecting to one address; the call's own deadline bounds it too. */
    public Duration connectTimeout() { return connectTimeout; }
    /** The most of an answer that is read; a longer one is ANSWER_TOO_LARGE. */
    public int maxAnswerBytes() { return maxAnswerBytes; }
    public boolean allowLoopback() { return allowLoopback; }
    public boolean requireHttps() { return requireHttps; }

    public DestinationRules destinationRules() {
        return new DestinationRules(allowLoopback, requireHttps);
    }
}
