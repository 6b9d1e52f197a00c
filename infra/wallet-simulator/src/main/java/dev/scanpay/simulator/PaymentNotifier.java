package dev.scanpay.simulator;

import dev.scanpay.core.protocol.Result;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the notifyPayments that are due on the simulator clock and keeps a record of each. Sending is
 * serialized, so the background poll and a caller delivering synchronously never send one twice, and a
 * caller's {@link #deliverDue()} returns only once anything due has been sent, by whichever of them.
 */
final class PaymentNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentNotifier.class);

    private final WalletLedger ledger;
    private final NotificationQueue queue;
    private final GatewayCall gateway;
    private final Clock clock;
    private final List<SentNotification> sent = new CopyOnWriteArrayList<>();
    private final Object sending = new Object();
    private ScheduledExecutorService poller;

    PaymentNotifier(WalletLedger ledger, NotificationQueue queue, GatewayCall gateway, Clock clock) {
        this.ledger = ledger;
        this.queue = queue;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Checks every {@code interval} of real time for notifications due on the clock; zero means never. */
    synchronized void startPolling(Duration interval) {
        if (interval.isZero() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wallet-simulator-notifier");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::deliverDueQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends every notification due now; returns how many notifyPayment requests went out. */
    int deliverDue() {
        synchronized (sending) {
            int count = 0;
            for (PlannedNotification planned : queue.takeDue(clock.instant())) {
                count += deliver(planned);
            }
            return count;
        }
    }

    List<SentNotification> sent() {
        return List.copyOf(sent);
    }

    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        // interrupts a send in flight, so closing never waits for a slow gateway
        poller.shutdownNow();
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int deliver(PlannedNotification planned) {
        NotificationContent content = ledger.notificationFor(planned.paymentRequestId());
        switch (content.verdict()) {
            case WAIT:
                queue.add(planned);
                return 0;
            case DROP:
                LOG.info("notifyPayment {}: not sent, the payment was cancelled before it was charged",
                        planned.paymentRequestId());
                return 0;
            default:
                break;
        }
        Optional<URI> target = gateway.resolve(planned.notifyUrl(), GatewayCall.NOTIFY_PAYMENT);
        if (target.isEmpty()) {
            LOG.warn("notifyPayment {}: not sent, no gateway is connected and the notify URL is not absolute",
                    planned.paymentRequestId());
            return 0;
        }
        for (int copy = 0; copy < planned.style().copies(); copy++) {
            GatewayReply reply = gateway.post(target.get(), content.body(), planned.style().signing());
            SentNotification record = record(planned, content, target.get(), reply);
            sent.add(record);
            LOG.info("notifyPayment {} {} sent {} to {}: {}", planned.paymentRequestId(), content.result().resultCode(),
                    planned.style(), target.get().getRawPath(), record.ackProblem() != null ? "no verified ack, "
                            + record.ackProblem() : "ack " + record.ackResultStatus() + " " + record.ackResultCode());
        }
        return planned.style().copies();
    }

    private SentNotification record(PlannedNotification planned, NotificationContent content, URI target, GatewayReply reply) {
        Result ack = reply instanceof GatewayReply.Verified verified ? verified.result() : null;
        Result result = content.result();
        return new SentNotification(planned.paymentRequestId(), (String) content.body().get("paymentId"),
                target.toString(), result.resultStatus().name(), result.resultCode(),
                planned.style().signing() == GatewayCall.Signing.BAD_SIGNATURE,
                planned.style().signing() == GatewayCall.Signing.UNSIGNED,
                clock.instant(),
                ack == null ? null : ack.resultStatus().name(),
                ack == null ? null : ack.resultCode(),
                reply instanceof GatewayReply.NoAnswer none ? none.reason() : null);
    }

    private void deliverDueQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; keep polling
            LOG.error("Sending due notifications failed", e);
        }
    }
}
