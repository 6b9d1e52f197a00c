package dev.scanpay.core.service.notify;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.observe.RequestLog;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.rules.FairShare;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotificationSchedule;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.rules.NotificationMachine;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.outbound.OutboundFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Delivers the outbox: each due notification is claimed with a conditional write (so a sweeper and another
 * sender never both send one attempt), sent, and then marked delivered, rescheduled on
 * {@link NotificationSchedule}, or dead-lettered after the last attempt: each an edge of {@link NotificationMachine}.
 *
 * <p>An attempt counts when its outcome is recorded, not when it is claimed. The outcome's write is retried
 * ({@link NotificationOutcomes}), and a try whose answer was lost but which landed is recognised, so a merchant that
 * acknowledged is not sent the notification again because our own write failed once. If it fails for good, the lease
 * ends and the notification is sent again as the same attempt (the merchant drops the repeat by its notifyId); the
 * claim guard of {@link NotificationMachine#claim} dead-letters one whose outcomes can never be written.
 *
 * <p>The notifications of a batch are sent side by side, {@link #PARALLEL} at a time, so one merchant's
 * slow endpoint (each attempt is bounded by the sender's deadline) does not delay the others' in the
 * same sweeper run or notifier batch.
 *
 * <p>Each notification goes out through the {@link NotificationChannel} of its format (AMS's notifyPayment or
 * the legacy gateway's signed form post); everything else (claim, schedule, edges, dead letters) is the same.
 */
public final class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** Writes of an attempt's outcome before it is left to the lease ({@link NotificationOutcomes}): for time budgets. */
    public static final int OUTCOME_TRIES = NotificationOutcomes.TRIES;

    /** Attempts in flight at once: how many slow endpoints a batch absorbs before anyone waits. */
    public static final int PARALLEL = 16;

    private final NotificationStore store;
    private final NotificationOutcomes outcomes;
    private final PaymentStore payments;
    private final NotificationChannel ams;
    private final NotificationChannel legacy;
    private final Clock clock;
    private final Duration lease;
    private final ExecutorService pool;
    private final Metrics metrics;

    /**
     * @param ams    sends AMS notifyPayment
     * @param legacy sends the legacy gateway's notifications (protocol.md §8.2)
     * @param lease  how long a claimed attempt keeps others off: longer than the senders' timeout
     */
    public NotificationDelivery(NotificationStore store, PaymentStore payments, NotificationChannel ams,
                                NotificationChannel legacy, Clock clock, Duration lease, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.outcomes = new NotificationOutcomes(store);
        this.payments = payments;
        this.ams = ams;
        this.legacy = legacy;
        this.clock = clock;
        this.lease = lease;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(PARALLEL, PARALLEL, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "notification-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    /**
     * How many of one merchant's notifications one round attempts: a quarter of the places, so a merchant whose
     * endpoint is slow (or who owes itself many notifications) never takes the round from the others.
     */
    public static final int PER_MERCHANT_PER_ROUND = PARALLEL / 4;

    /**
     * Delivers what is due now, up to {@code limit} per shard and {@link #PER_MERCHANT_PER_ROUND} per merchant,
     * in turns between merchants; returns how many it attempted. What a merchant had beyond its share stays
     * due for the next round.
     */
    public int sweep(int limit) {
        List<MerchantNotification> round = FairShare.inTurns(store.due(clock.instant(), limit), MerchantNotification::clientId,
                PER_MERCHANT_PER_ROUND);
        for (MerchantNotification failed : inParallel(round, this::attempt)) {
            LOG.error("Delivery of notification {} failed; it stays due", failed.notificationId());
        }
        return round.size();
    }

    /**
     * Runs {@code work} on each item, {@link #PARALLEL} at a time, and waits for all of them; returns the
     * items whose work threw (logged here), for a caller that must report them (the notifier's batch).
     */
    public <T> List<T> inParallel(List<T> items, Consumer<T> work) {
        List<Future<?>> running = new ArrayList<>(items.size());
        for (T item : items) {
            // the batch's log fields (its invocation, its route) on the lines its sends write
            running.add(pool.submit(RequestLog.carried(() -> work.accept(item))));
        }
        List<T> failed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                running.get(i).get();
            } catch (ExecutionException e) {
                LOG.error("Notification work failed", e.getCause());
                failed.add(items.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.addAll(items.subList(i, items.size()));
                return failed;
            }
        }
        return failed;
    }

    /** One attempt, if the notification is still due and nobody else claims it first. */
    public Optional<MerchantNotification> attempt(MerchantNotification notification) {
        Instant now = clock.instant();
        if (notification.status() != NotificationStatus.PENDING || notification.nextCheckAt() == null
                || notification.nextCheckAt().isAfter(now)) {
            return Optional.empty();
        }
        int attempt = notification.attempts() + 1;
        Step<MerchantNotification> claim = NotificationMachine.claim(notification, now.plus(lease));
        if (claim.edge() == NotificationMachine.DEAD_LETTERED_EDGE) {
            Optional<MerchantNotification> dead = store.apply(notification, claim);
            if (dead.isPresent()) {
                // counted for the template's NotificationsDeadLettered alarm, by the sender whose write made it
                metrics.count(Metrics.Name.NOTIFICATIONS_DEAD_LETTERED);
                LOG.error("Notification {} dead-lettered after {} sends whose outcome was never recorded: OUTCOME_UNRECORDED",
                        notification.notificationId(), notification.unrecordedSends());
            }
            return dead;
        }
        // a payment's success is sent only while the payment is still paid; a refund's verdict stands on its own
        boolean paidPayment = "S".equals(notification.resultStatus()) && MerchantNotices.reportsPayment(notification);
        Optional<MerchantNotification> claimed = paidPayment
                ? store.replaceWhilePaid(notification, claim.next())
                : store.apply(notification, claim);
        if (claimed.isEmpty()) {
            // another sender has it, or (for a SUCCESS) the merchant has reversed the payment
            return store.get(notification.notificationId()).flatMap(this::supersedeIfReversed);
        }
        long sending = System.nanoTime();
        NotificationSender.Attempt result = send(claimed.get());
        long latencyMs = RequestLog.millisSince(sending);
        metrics.count(Metrics.Name.NOTIFICATION_ATTEMPTS);
        Instant after = clock.instant();
        if (result.acknowledged()) {
            logAttempt(notification, attempt, ACKNOWLEDGED, latencyMs, LOG.atInfo())
                    .log("Notification {} delivered on attempt {}", notification.notificationId(), attempt);
            return outcomes.record(claimed.get(), NotificationMachine.delivered(claimed.get(), after));
        }
        metrics.count(Metrics.Name.NOTIFICATION_FAILURES);
        Optional<Duration> gap = NotificationSchedule.gapAfter(attempt);
        if (gap.isEmpty()) {
            // counted for the template's NotificationsDeadLettered alarm
            metrics.count(Metrics.Name.NOTIFICATIONS_DEAD_LETTERED);
            logAttempt(notification, attempt, result.problem(), latencyMs, LOG.atWarn())
                    .log("Notification {} dead-lettered after {} attempts: {}", notification.notificationId(), attempt, result.problem());
            return outcomes.record(claimed.get(), NotificationMachine.deadLettered(claimed.get(), result.problem()));
        }
        logAttempt(notification, attempt, result.problem(), latencyMs, LOG.atInfo())
                .log("Notification {} attempt {} failed ({}); next in {}", notification.notificationId(), attempt, result.problem(), gap.get());
        return outcomes.record(claimed.get(), NotificationMachine.attemptFailed(claimed.get(), after.plus(gap.get()), result.problem()));
    }

    /**
     * Sends it through its format's channel. A request the gateway cannot even make is a failed attempt (NOT_SENT),
     * recorded as such, rather than a claim left without an outcome until the guard takes it for DynamoDB's fault.
     */
    private NotificationSender.Attempt send(MerchantNotification claimed) {
        NotificationChannel channel = claimed.format().isLegacy() ? legacy : ams;
        try {
            return channel.send(claimed);
        } catch (RuntimeException e) {
            LOG.error("Notification {} could not be sent", claimed.notificationId(), e);
            return new NotificationSender.Attempt(false, OutboundFailure.NOT_SENT);
        }
    }

    /** The outcome of an attempt the merchant acknowledged; otherwise it is the failure's category. */
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";

    /** One line per attempt ({@link RequestLog#call}): which merchant, which notification, how it went, how long. */
    private static LoggingEventBuilder logAttempt(MerchantNotification notification, int attempt, String outcome,
                                                              long latencyMs, LoggingEventBuilder level) {
        var line = RequestLog.call(level, RequestLog.TARGET_MERCHANT, notification.clientId(), "notify", outcome, latencyMs)
                .addKeyValue("notificationId", notification.notificationId())
                .addKeyValue("attempt", attempt);
        return RequestLog.id(line, RequestLog.PAYMENT_ID, notification.paymentId());
    }

    /**
     * The merchant asked for it again: back in the queue (off the dead-letter list) with a fresh schedule,
     * and one attempt now (a legacy one is left due for the sweeper). Returns the notification as it stands afterwards.
     */
    public MerchantNotification resend(MerchantNotification notification) {
        MerchantNotification queued = requeue(store, notification, clock.instant());
        if (queued.format().isLegacy()) {
            // sent by the functions that hold the legacy partners' MD5 keys (notifier, sweeper), now due
            return queued;
        }
        return attempt(queued).orElseGet(() -> store.get(notification.notificationId()).orElse(queued));
    }

    /**
     * Back in the queue, due at {@code now} with a fresh schedule and off the dead-letter list (the
     * {@code requeued} edge), for whoever delivers next: the first half of {@link #resend}, and all an operator's
     * resend does (the sweeper then delivers it, signed, so the operator never holds the gateway's key).
     * Returns the notification as it stands afterwards.
     */
    public static MerchantNotification requeue(NotificationStore store, MerchantNotification notification, Instant now) {
        return store.apply(notification, NotificationMachine.requeued(notification, now))
                .orElseGet(() -> store.get(notification.notificationId()).orElse(notification));
    }

    /** After a lost claim: a SUCCESS nobody else holds whose payment is no longer paid is never to be sent. */
    private Optional<MerchantNotification> supersedeIfReversed(MerchantNotification current) {
        if (current.status() == NotificationStatus.PENDING && "S".equals(current.resultStatus())
                && MerchantNotices.reportsPayment(current)
                && !current.nextCheckAt().isAfter(clock.instant()) && !stillSucceeded(current.paymentId())) {
            return store.apply(current, NotificationMachine.superseded(current));
        }
        return Optional.of(current);
    }

    private boolean stillSucceeded(String paymentId) {
        return payments.get(paymentId).map(Payment::status).filter(s -> s == PaymentStatus.SUCCESS).isPresent();
    }
}
