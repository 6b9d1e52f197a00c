package dev.scanpay.core.service.wallet;

import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.outbound.OutboundHttp;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed Alipay+ call to a wallet and the verification of its answer. Everything that is not a
 * 200 with a body signed by the wallet's registered key comes back as "no answer". Each call is counted and
 * timed by wallet, operation and outcome ({@link Metrics.Name#WALLET_CALLS}, {@link Metrics.Name#WALLET_CALL_LATENCY}).
 */
public final class WalletCall {

    private static final Logger LOG = LoggerFactory.getLogger(WalletCall.class);

    private final OutboundHttp http;
    private final Json json;
    private final MessageSigner gatewaySigner;
    private final Clock clock;
    private final Metrics metrics;

    /** The outcome dimension of a call that brought no verified answer. */
    public static final String NO_ANSWER = "NoAnswer";

    public WalletCall(OutboundHttp http, Json json, MessageSigner gatewaySigner, Clock clock, Metrics metrics) {
        this.http = http;
        this.json = json;
        this.gatewaySigner = gatewaySigner;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A verified answer: its result and whole body. */
    public record Answer(Result result, Map<String, Object> body) {
    }

    public sealed interface Reply permits Verified, NoAnswer {
    }

    public record Verified(Answer answer) implements Reply {
    }

    public record NoAnswer(String reason) implements Reply {
    }

    public Reply post(Wallet wallet, String operation, Map<String, Object> request, Duration timeout) {
        long started = System.nanoTime();
        Reply reply = exchange(wallet, operation, request, timeout);
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        String outcome = reply instanceof Verified verified ? verified.answer().result().resultStatus().name() : NO_ANSWER;
        // "/payments/inquiryPayment" -> "inquiryPayment"
        String name = operation.substring(operation.lastIndexOf('/') + 1);
        metrics.count(Metrics.Name.WALLET_CALLS, wallet.walletId(), name, outcome);
        metrics.put(Metrics.Name.WALLET_CALL_LATENCY, (System.nanoTime() - started) / 1_000_000.0, wallet.walletId(), name, outcome);
        logCall(wallet, name, outcome, latencyMs, reply);
        return reply;
    }

    /** One line per wallet call: which wallet, what for, how it went (the metrics' outcome), how long it took. */
    private static void logCall(Wallet wallet, String operation, String outcome, long latencyMs, Reply reply) {
        var line = RequestLog.call(LOG.atInfo(), RequestLog.TARGET_WALLET, wallet.walletId(), operation, outcome, latencyMs);
        if (reply instanceof Verified verified) {
            line.addKeyValue("walletResultCode", verified.answer().result().resultCode())
                    .log("Wallet {} {}: {}/{} in {} ms", wallet.walletId(), operation, outcome,
                            verified.answer().result().resultCode(), latencyMs);
        } else {
            line.log("Wallet {} {}: no answer ({}) in {} ms", wallet.walletId(), operation, ((NoAnswer) reply).reason(), latencyMs);
        }
    }

    private Reply exchange(Wallet wallet, String operation, Map<String, Object> request, Duration timeout) {
        URI target;
        try {
            target = URI.create(wallet.endpoint() + operation);
            if (wallet.keys().isEmpty()) {
                throw new IllegalArgumentException("no public key parses");
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Wallet {} is registered with a malformed endpoint or public key", wallet.walletId());
            return new NoAnswer(wallet.walletId() + " is misconfigured: " + e.getMessage());
        }
        String uri = target.getRawPath();
        byte[] body = json.write(request);
        String requestTime = RequestTime.format(clock.instant());
        // bounded in time (the whole exchange) and size, and refused into the gateway's own network
        OutboundHttp.Exchange exchange = http.post(target.toString(), path -> Map.of(
                "Client-Id", gatewaySigner.clientId(),
                "Request-Time", requestTime,
                "Signature", gatewaySigner.sign("POST", path, requestTime, body)), body, timeout);
        if (exchange instanceof OutboundHttp.Failed failed) {
            return new NoAnswer("no answer from " + wallet.walletId() + ": " + failed.failure());
        }
        OutboundHttp.Answered response = (OutboundHttp.Answered) exchange;
        if (response.statusCode() != 200) {
            return new NoAnswer(wallet.walletId() + " answered HTTP " + response.statusCode());
        }
        Optional<String> problem = verify(wallet, uri, response);
        if (problem.isPresent()) {
            LOG.warn("Unverified answer from wallet {} to {}: {}", wallet.walletId(), operation, problem.get());
            return new NoAnswer(problem.get());
        }
        try {
            Map<String, Object> answer = json.parseObject(response.body());
            return new Verified(new Answer(readResult(answer), answer));
        } catch (RuntimeException e) {
            return new NoAnswer(wallet.walletId() + " answered a malformed body");
        }
    }

    private Optional<String> verify(Wallet wallet, String uri, OutboundHttp.Answered response) {
        Optional<String> responseTime = response.headers().firstValue("Response-Time");
        Optional<SignatureHeader> signature = response.headers().firstValue("Signature").flatMap(SignatureHeader::parse);
        if (responseTime.isEmpty() || signature.isEmpty()) {
            return Optional.of(wallet.walletId() + " answered without a signature");
        }
        // the wallet signs with our Client-Id, as it received it; we do not trust an echoed header
        byte[] content = SignedContent.of("POST", uri, gatewaySigner.clientId(), responseTime.get(), response.body());
        if (!wallet.keys().verifies(signature.get().keyVersion(), content, signature.get().signatureBase64())) {
            LOG.debug("Wallet signature check failed over content: {}", SignedContent.describe(content));
            return Optional.of(wallet.walletId() + " answered with a signature that does not verify");
        }
        // a signed answer is replayable: one from another time is not an answer to this call
        Optional<Instant> sentAt = RequestTime.parse(responseTime.get());
        if (sentAt.isEmpty() || !RequestTime.isFresh(sentAt.get(), clock.instant())) {
            return Optional.of(wallet.walletId() + " answered with a Response-Time more than "
                    + RequestTime.TOLERANCE.toSeconds() + " s from the gateway's clock");
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Result readResult(Map<String, Object> body) {
        Object raw = body.get("result");
        if (!(raw instanceof Map<?, ?> result)) {
            throw new IllegalArgumentException("no result");
        }
        Map<String, Object> r = (Map<String, Object>) result;
        return new Result(String.valueOf(r.get("resultCode")), ResultStatus.valueOf(String.valueOf(r.get("resultStatus"))),
                r.get("resultMessage") == null ? null : String.valueOf(r.get("resultMessage")));
    }
}
