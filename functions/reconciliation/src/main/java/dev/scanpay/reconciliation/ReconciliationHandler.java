package dev.scanpay.reconciliation;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.service.reconcile.DailyReports;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily reports (EventBridge, 08:00 UTC+8 by default, as Alipay generates its files): the business day before
 * the event's time, or the day an event names in its detail ({@code {"detail": {"date": "2026-11-23"}}}), which is
 * how a day is regenerated on demand. Running a day again writes the same files.
 */
public class ReconciliationHandler extends MicronautRequestHandler<ScheduledEvent, ReconciliationHandler.Report> {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationHandler.class);

    @Inject
    DailyReports reports;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** What Lambda constructs. */
    public ReconciliationHandler() {
        super();
    }

    /** For tests: a context they built (DynamoDB Local, a moved clock, a reports directory). */
    public ReconciliationHandler(ApplicationContext context) {
        super(context);
    }

    /** One day's run, logged as one summary line (the day, files, breaks, latency); each break is a line of its own. */
    @Override
    public Report execute(ScheduledEvent event) {
        long started = System.nanoTime();
        try (RequestLog.Scope ignored = RequestLog.open(null, "reconcile", null)) {
            LocalDate day = dayOf(event);
            DailyReports.DayReport done = reports.run(day);
            Report report = new Report(day.toString(), done.files().size(), done.entriesRead(), done.breakCount(),
                    Map.copyOf(done.breaks().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue))),
                    done.walletsUnchecked());
            // a wallet whose records could not be had leaves the day unchecked for it: not a success
            RequestLog.summary(LOG, report.walletsUnchecked().isEmpty() ? "SUCCESS" : "PARTIAL_FAILURE", started)
                    .addKeyValue("day", report.day())
                    .addKeyValue("files", report.files())
                    .addKeyValue("breaks", report.breaks())
                    .addKeyValue("walletsUnchecked", report.walletsUnchecked().size())
                    .log("Reconciliation of {}: {} files, {} breaks, {} wallets unchecked", report.day(), report.files(),
                            report.breaks(), report.walletsUnchecked().size());
            return report;
        }
    }

    private LocalDate dayOf(ScheduledEvent event) {
        Map<String, Object> detail = event == null ? null : event.getDetail();
        if (detail != null && detail.get("date") instanceof String date) {
            return LocalDate.parse(date);
        }
        Instant at = event != null && event.getTime() != null ? Instant.ofEpochMilli(event.getTime().getMillis()) : clock.instant();
        return config.businessDay().dayBefore(at);
    }

    /** The invocation's result, visible in the Lambda console and logs. */
    @Serdeable
    public record Report(String day, int files, long ledgerItemsRead, long breaks, Map<String, Long> breaksByType,
                         List<String> walletsUnchecked) {
    }
}
