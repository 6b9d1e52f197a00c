package dev.scanpay.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.service.followup.Sweeper;
import io.micronaut.context.ApplicationContext;
import dev.scanpay.core.config.GatewayConfig;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled status inquiry (EventBridge, every minute): every payment due for attention gets it,
 * through the same follow-up a merchant's inquiry uses; so does every refund whose wallet answer is
 * outstanding, and every merchant notification due is sent.
 * Finding them is a Query on the sparse due index, so a run costs what is due, not what the table holds;
 * within its budget the run waits for what comes due next instead of leaving it to the next minute.
 */
public class StatusSweeperHandler extends MicronautRequestHandler<ScheduledEvent, StatusSweeperHandler.Report> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSweeperHandler.class);

    @Inject
    Sweeper sweeper;

    @Inject
    GatewayConfig config;

    /** What Lambda constructs. */
    public StatusSweeperHandler() {
        super();
    }

    /** For tests: a context they built (DynamoDB Local, a moved clock). */
    public StatusSweeperHandler(ApplicationContext context) {
        super(context);
    }

    /** One run, logged as one summary line (what it handled, in how many rounds, latency). */
    @Override
    public Report execute(ScheduledEvent event) {
        long started = System.nanoTime();
        try (RequestLog.Scope ignored = RequestLog.open(null, "sweep", null)) {
            Sweeper.Result result = sweeper.sweepFor(config.sweeperPageSize(), config.sweeperBudget());
            RequestLog.summary(LOG, "SUCCESS", started)
                    .addKeyValue("handled", result.handled())
                    .addKeyValue("rounds", result.rounds())
                    .log("Sweep for {}: {} payments, refunds and notifications handled in {} rounds",
                            event == null ? "manual run" : event.getTime(), result.handled(), result.rounds());
            return new Report(result.rounds(), result.handled());
        }
    }

    /** The invocation's result, visible in the Lambda console and logs. */
    @Serdeable
    public record Report(int rounds, int handled) {
    }
}
