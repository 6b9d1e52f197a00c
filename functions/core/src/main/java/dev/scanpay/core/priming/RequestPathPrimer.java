package dev.scanpay.core.priming;

import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.observe.EmfMetrics;
import dev.scanpay.core.outbound.OutboundHttp;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RequestTime;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.wire.AmsWire;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the request path once, without side effects, so that the first real request does not pay for class
 * loading, static initialisation and the interpreter (the signer, JSON, the DynamoDB and HTTP clients). With
 * SnapStart what a customer waits for is the snapshot's restore plus the first request, so the priming has to
 * be in the snapshot: it runs at init (on the context's StartupEvent, after the eager controllers have built
 * the function's beans) and again just before the checkpoint (org.crac, which SnapStart calls), where the
 * second run is cheap and gives the JIT a little more.
 *
 * <p>It primes only beans the function has already built, so it never loads a key, opens a client or needs a
 * permission the function's own code does not: the gateway signer signs and verifies a sample; JSON writes a
 * sample answer and parses it back; the payment store reads a payment id that cannot exist (one GetItem: a
 * read, nothing written); the writes and queries a request makes run through the SDK up to the wire and are
 * stopped there, never sent ({@link UnsentDynamoCalls}); the outbound client makes one exchange with a listener of this process's own on
 * loopback, never the network. Each step is on its own: a failure is logged and the function starts anyway,
 * and each is bounded (the DynamoDB client's call timeout, the outbound client's deadline below).
 */
@Singleton
public class RequestPathPrimer implements ApplicationEventListener<StartupEvent>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPathPrimer.class);

    /** Payment ids are 28 digits ({@code PaymentIds}): no payment can have this one. */
    static final String NO_SUCH_PAYMENT = "priming-no-such-payment";
    private static final String SAMPLE_PATH = "/ams/api/v1/payments/pay";
    private static final Duration OUTBOUND_DEADLINE = Duration.ofSeconds(2);

    private final BeanContext context;
    private final GatewayConfig config;

    public RequestPathPrimer(BeanContext context, GatewayConfig config) {
        this.context = context;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!config.primingEnabled()) {
            return;
        }
        prime("init");
        // org.crac holds resources weakly: this singleton is kept by the function's context, which lives as long as it
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime("checkpoint");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: priming keeps no connection (the outbound pool is its own and emptied)
    }

    /** Every step, each on its own; what ran and how long it took, by step, for the log and tests. */
    public Map<String, String> prime(String when) {
        long start = System.nanoTime();
        Map<String, String> steps = new LinkedHashMap<>();
        step(steps, "signing", this::primeSigning);
        step(steps, "json", this::primeJson);
        step(steps, "table", this::primeTableRead);
        step(steps, "unsent-writes", this::primeUnsentCalls);
        step(steps, "outbound", this::primeOutbound);
        step(steps, "metrics", () -> {
            EmfMetrics.prime();
            return true;
        });
        LOG.info("Primed the request path at {} in {} ms: {}", when, (System.nanoTime() - start) / 1_000_000, steps);
        return steps;
    }

    private interface Step {
        /** @return false when there was nothing to prime (the function has no such bean) */
        boolean run() throws Exception;
    }

    private static void step(Map<String, String> steps, String name, Step step) {
        long start = System.nanoTime();
        try {
            boolean ran = step.run();
            steps.put(name, ran ? (System.nanoTime() - start) / 1_000_000 + " ms" : "skipped");
        } catch (Exception | LinkageError e) {
            // priming is an optimisation: it must never stop the function from starting
            steps.put(name, "failed");
            LOG.warn("Priming step {} failed: {}", name, e.toString());
        }
    }

    /** Sign a sample as the gateway signs its answers, then verify it as a receiver verifies a request. */
    private boolean primeSigning() {
        Optional<MessageSigner> signer = built(MessageSigner.class);
        if (signer.isEmpty()) {
            return false;
        }
        byte[] body = sampleAnswer(built(Json.class).orElse(null));
        String time = RequestTime.format(Instant.now());
        String header = signer.get().sign("POST", SAMPLE_PATH, time, body);
        SignatureHeader parsed = SignatureHeader.parse(header).orElseThrow();
        byte[] content = SignedContent.of("POST", SAMPLE_PATH, signer.get().clientId(), time, body);
        if (!RsaSigner.verify(signer.get().publicKey(), content, parsed.signatureBase64())) {
            throw new IllegalStateException("the sample signed by the gateway key does not verify with its public key");
        }
        return true;
    }

    /** Write an answer shaped like a pay's and read it back, as requests are read. */
    private boolean primeJson() {
        Optional<Json> json = built(Json.class);
        if (json.isEmpty()) {
            return false;
        }
        json.get().parseObject(sampleAnswer(json.get()));
        return true;
    }

    private static byte[] sampleAnswer(Json json) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", Map.of("resultCode", "SUCCESS", "resultStatus", "S", "resultMessage", "success"));
        answer.put("paymentRequestId", "priming");
        answer.put("paymentAmount", AmsWire.amount(Money.of(100, "USD")));
        answer.put("paymentTime", AmsWire.time(Instant.now()));
        answer.put("codes", List.of());
        return json == null ? answer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8) : json.write(answer);
    }

    /** One consistent GetItem of a key that cannot exist, through the store's own read and item mapping. */
    private boolean primeTableRead() {
        Optional<PaymentStore> payments = built(PaymentStore.class);
        if (!config.primingTableRead() || payments.isEmpty()) {
            return false;
        }
        if (payments.get().get(NO_SUCH_PAYMENT).isPresent()) {
            throw new IllegalStateException("a payment exists under the priming id");
        }
        return true;
    }

    /**
     * The request's other DynamoDB operations (Query, TransactWriteItems, PutItem, UpdateItem) through the SDK up
     * to the wire and stopped there, in a client of priming's own: see {@link UnsentDynamoCalls}.
     */
    private boolean primeUnsentCalls() {
        if (built(PaymentStore.class).isEmpty()) {
            return false;
        }
        UnsentDynamoCalls.run(config.table());
        return true;
    }

    private boolean primeOutbound() {
        Optional<OutboundHttp> outbound = built(OutboundHttp.class);
        if (outbound.isEmpty()) {
            return false;
        }
        if (!outbound.get().prime(OUTBOUND_DEADLINE)) {
            throw new IllegalStateException("the loopback exchange got no answer");
        }
        return true;
    }

    /** A bean the function has already created, never one created here. */
    private <T> Optional<T> built(Class<T> type) {
        return context.getActiveBeanRegistrations(type).stream().findFirst().map(BeanRegistration::bean);
    }
}
