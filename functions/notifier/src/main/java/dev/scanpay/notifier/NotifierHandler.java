package dev.scanpay.notifier;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.rules.FairShare;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.store.NotificationStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers merchant notifications at once: fed by the table's stream, it gets each notification the moment
 * the transaction that owed it commits, and makes its first attempt. Everything after that (retries on the
 * schedule, dead-lettering) is the status sweeper's; an attempt is claimed with a conditional write, so the
 * two never send the same attempt twice. A record it cannot process is reported back as a batch item
 * failure, so Lambda retries that record only (and, past its retries, sends it to the dead-letter queue).
 */
public class NotifierHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);
    private static final String NOTIFICATION_PREFIX = "NTF#";

    @Inject
    NotificationStore notifications;

    @Inject
    NotificationDelivery delivery;

    /** What Lambda constructs. */
    public NotifierHandler() {
        super();
    }

    /** For tests: a context they built (DynamoDB Local, a moved clock). */
    public NotifierHandler(ApplicationContext context) {
        super(context);
    }

    /** One batch, logged as one summary line (records, failures, latency); each attempt is a line of its own. */
    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        long started = System.nanoTime();
        try (RequestLog.Scope ignored = RequestLog.open(null, "notify", null)) {
            StreamsEventResponse response = deliver(event);
            int records = event.getRecords().size();
            int failed = response.getBatchItemFailures().size();
            RequestLog.summary(LOG, failed == 0 ? "SUCCESS" : "PARTIAL_FAILURE", started)
                    .addKeyValue("records", records)
                    .addKeyValue("failed", failed)
                    .log("Notifier batch of {} stream records, {} failed", records, failed);
            return response;
        }
    }

    private StreamsEventResponse deliver(DynamodbEvent event) {
        // a merchant's share of the batch; the rest of its new notifications are due already, so the sweeper sends
        // them on its next round, and one merchant's flood cannot keep the others' first attempts waiting
        List<DynamodbEvent.DynamodbStreamRecord> records = FairShare.inTurns(event.getRecords().stream()
                .filter(record -> notificationId(record).isPresent()).toList(), NotifierHandler::clientId,
                NotificationDelivery.PER_MERCHANT_PER_ROUND);
        // side by side, so one merchant's slow endpoint does not hold up the batch's other notifications
        List<DynamodbEvent.DynamodbStreamRecord> failed = delivery.inParallel(records, record -> {
            String id = notificationId(record).orElseThrow();
            try {
                notifications.get(id).ifPresent(this::attempt);
            } catch (RuntimeException e) {
                LOG.error("Notification {} not attempted; the stream will offer it again", id, e);
                throw e;
            }
        });
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : failed) {
            failures.add(StreamsEventResponse.BatchItemFailure.builder()
                    .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private void attempt(MerchantNotification notification) {
        delivery.attempt(notification);
    }

    /** The merchant a new notification is for, from the stream's new image (unknown ones share one turn). */
    private static String clientId(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        AttributeValue clientId = image == null ? null : image.get("clientId");
        return clientId == null || clientId.getS() == null ? "" : clientId.getS();
    }

    /** Only newly written notifications (the template's filter says the same; this keeps the handler honest). */
    private static Optional<String> notificationId(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        AttributeValue pk = keys.get("pk");
        if (pk == null || pk.getS() == null || !pk.getS().startsWith(NOTIFICATION_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(pk.getS().substring(NOTIFICATION_PREFIX.length()));
    }
}
