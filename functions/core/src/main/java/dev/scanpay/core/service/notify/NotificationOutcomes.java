package dev.scanpay.core.service.notify;

import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.rules.Step;
import dev.scanpay.core.store.NotificationStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Records the outcome of a sent attempt (delivered, attemptFailed, deadLettered): the one write that, if lost,
 * would have the notification sent again. It is tried {@link #TRIES} times; each try is bounded by the DynamoDB
 * client's call timeout (3 s as deployed), so the send (5 s) and the three tries fit in the sender's lease (the send's
 * timeout plus 10 s) and nobody else sends it meanwhile ({@code BudgetsFitTimeoutsTest}).
 *
 * <p>A try whose answer was lost may have landed: the next try's condition (the claimed version) then fails, and
 * the notification is read back. If what is stored is this outcome (the claimed version plus one, the outcome's
 * status and counts), it was written, and that is success. Anything else is another writer's (a resend, or a sender
 * that claimed after the lease ended), which stands.
 *
 * <p>If every try fails, the exception goes to the caller and the notification stays claimed until its lease ends;
 * the send that follows then repeats this attempt without spending one (see {@code NotificationMachine}).
 */
final class NotificationOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutcomes.class);

    /** Writes of one outcome before it is left to the lease: enough for a lost answer or a brief stall. */
    static final int TRIES = 3;

    private final NotificationStore store;

    NotificationOutcomes(NotificationStore store) {
        this.store = store;
    }

    /**
     * Writes {@code outcome} over {@code claimed}; the notification as written, or empty when another writer changed
     * it first. Throws the last failure when no try got an answer.
     */
    Optional<MerchantNotification> record(MerchantNotification claimed, Step<MerchantNotification> outcome) {
        for (int tried = 1; ; tried++) {
            try {
                Optional<MerchantNotification> written = store.apply(claimed, outcome);
                if (written.isPresent() || tried == 1) {
                    return written;
                }
                // an earlier try of ours may have landed with its answer lost
                return store.get(claimed.notificationId()).filter(stored -> isOutcome(stored, claimed, outcome.next()));
            } catch (SdkException e) {
                if (tried >= TRIES) {
                    LOG.error("Outcome {} of notification {} not recorded after {} tries; sent again when its lease ends",
                            outcome.edge().name(), claimed.notificationId(), tried);
                    throw e;
                }
                LOG.warn("Outcome {} of notification {} not recorded ({}); trying again",
                        outcome.edge().name(), claimed.notificationId(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Whether {@code stored} is {@code outcome} written over {@code claimed}: no other edge leaves the claimed version
     * plus one with the outcome's status and counts (another claim keeps the attempts and adds a claim; a resend resets
     * both to zero).
     */
    static boolean isOutcome(MerchantNotification stored, MerchantNotification claimed, MerchantNotification outcome) {
        return stored.version() == claimed.version() + 1
                && stored.status() == outcome.status()
                && stored.attempts() == outcome.attempts()
                && stored.claims() == outcome.claims();
    }
}
