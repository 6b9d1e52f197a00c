package dev.scanpay.core.service.notify;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.outbound.OutboundFailure;
import dev.scanpay.core.outbound.OutboundHttp;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Posts one notification to the merchant, signed as Antom signs its notifications (client-id is the
 * merchant's, the signature the gateway's, over {@code POST <path>\n<client-id>.<request-time>.<body>}),
 * and says whether the merchant acknowledged it: HTTP 200 with {@code result.resultStatus} S. The call is
 * {@link OutboundHttp}'s: bounded in time and size, never into the gateway's own network.
 */
public final class NotificationSender implements NotificationChannel {

    /** What one attempt got: acknowledged, or the category of the problem to record. */
    public record Attempt(boolean acknowledged, OutboundFailure failure) {

        /** What is stored and shown to the merchant: the category's name. */
        public String problem() {
            return failure == null ? null : failure.name();
        }

        /**
         * What one exchange with a notify URL came to: the call's failure, a status other than 200, or what
         * {@code problemOfBody} finds in a 200's body (null: acknowledged). Each format judges its own body.
         */
        public static Attempt of(OutboundHttp.Exchange exchange, Function<byte[], OutboundFailure> problemOfBody) {
            if (exchange instanceof OutboundHttp.Failed failed) {
                return new Attempt(false, failed.failure());
            }
            OutboundHttp.Answered answer = (OutboundHttp.Answered) exchange;
            if (answer.statusCode() != 200) {
                return new Attempt(false, OutboundFailure.ofStatus(answer.statusCode()));
            }
            OutboundFailure problem = problemOfBody.apply(answer.body());
            return new Attempt(problem == null, problem);
        }
    }

    private final OutboundHttp http;
    private final MessageSigner signer;
    private final Json json;
    private final Clock clock;
    private final Duration timeout;

    /** @param timeout the deadline of the whole exchange */
    public NotificationSender(OutboundHttp http, MessageSigner signer, Json json, Clock clock, Duration timeout) {
        this.http = http;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Attempt send(MerchantNotification notification) {
        byte[] body = notification.body().getBytes(StandardCharsets.UTF_8);
        String time = RequestTime.format(clock.instant());
        OutboundHttp.Exchange exchange = http.post(notification.url(), path -> Map.of(
                "Client-Id", notification.clientId(),
                "Request-Time", time,
                "Signature", signer.sign("POST", path, notification.clientId(), time, body)), body, timeout);
        return Attempt.of(exchange, this::problemOf);
    }

    /** AMS's acknowledgement: {@code result.resultStatus} S. */
    private OutboundFailure problemOf(byte[] body) {
        Object status;
        try {
            Object result = json.parseObject(body).get("result");
            if (!(result instanceof Map<?, ?> map)) {
                return OutboundFailure.BAD_ANSWER;
            }
            status = map.get("resultStatus");
        } catch (RuntimeException e) {
            return OutboundFailure.BAD_ANSWER;
        }
        return "S".equals(status) ? null : OutboundFailure.NOT_ACKNOWLEDGED;
    }
}
