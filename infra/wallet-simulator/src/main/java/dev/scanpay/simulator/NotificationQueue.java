package dev.scanpay.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The notifications the wallet owes, each with its due time on the simulator clock. The ledger adds to it
 * under its own lock; the {@link PaymentNotifier} takes what is due. Its own lock is never held while
 * anything else is locked or sent.
 */
final class NotificationQueue {

    private final List<PlannedNotification> planned = new ArrayList<>();

    synchronized void add(PlannedNotification notification) {
        planned.add(notification);
    }

    /** Removes and returns those due at {@code now}, earliest first (in the order planned when due together). */
    synchronized List<PlannedNotification> takeDue(Instant now) {
        List<PlannedNotification> due = new ArrayList<>();
        planned.removeIf(n -> !now.isBefore(n.dueAt()) && due.add(n));
        due.sort(Comparator.comparing(PlannedNotification::dueAt));
        return due;
    }
}
