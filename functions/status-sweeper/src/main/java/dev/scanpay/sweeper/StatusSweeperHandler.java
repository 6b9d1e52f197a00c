package dev.scanpay.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.lifecycle.PaymentFollowUp;
import dev.scanpay.core.lifecycle.PaymentFollowUp.SweepResult;
import dev.scanpay.core.lifecycle.RefundFollowUp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled status inquiry (EventBridge, every minute): every payment due for attention gets it,
 * through the same {@link PaymentFollowUp} a merchant's inquiry uses, then every refund whose wallet answer
 * is outstanding, through {@link RefundFollowUp}. Finding them is a Query on the
 * sparse due index, so a run costs what is due, not what the table holds.
 */
public class StatusSweeperHandler extends MicronautRequestHandler<ScheduledEvent, StatusSweeperHandler.Report> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSweeperHandler.class);

    @Inject
    PaymentFollowUp followUp;

    @Inject
    RefundFollowUp refundFollowUp;

    @Value("${scanpay.sweeper.page-size:100}")
    int pageSize;

    /** Leaves room under the function's 60 s timeout for the last wallet calls of a round. */
    @Value("${scanpay.sweeper.budget:40s}")
    Duration budget;

    /** What Lambda constructs. */
    public StatusSweeperHandler() {
        super();
    }

    /** For tests: a context they built (DynamoDB Local, a moved clock). */
    public StatusSweeperHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Report execute(ScheduledEvent event) {
        long started = System.nanoTime();
        SweepResult result = followUp.sweepWhileBusy(pageSize, budget);
        Duration left = budget.minusNanos(System.nanoTime() - started);
        int refunds = refundFollowUp.sweepWhileBusy(pageSize, left.isNegative() ? Duration.ZERO : left);
        LOG.info("Sweep for {}: {} payments handled in {} rounds, {} refunds", event == null ? "manual run" : event.getTime(),
                result.handled(), result.rounds(), refunds);
        return new Report(result.rounds(), result.handled(), refunds);
    }

    /** The invocation's result, visible in the Lambda console and logs. */
    @Serdeable
    public record Report(int rounds, int handled, int refundsHandled) {
    }
}
