package dev.scanpay.walletapi;

import static dev.scanpay.testkit.PayBodies.orderCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.MerchantReceiver;
import dev.scanpay.testkit.MerchantReceiver.Received;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import dev.scanpay.walletapi.RaceRecorder.NanoClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The issue's race: 200 order-code payments, each resolved by a wallet customer, then for every payment, on
 * real threads (a pool of 16), the wallet's notifyPayment (some duplicated, some F, some F-then-S or S-then-F,
 * some never), a merchant cancel for most of them (some together with the wallet, some once told the result),
 * and sweeper rounds from three threads all along. Short-expiry payments come second: the clock is moved past
 * their deadline as their triggers start, so the sweeper closing them races the wallet and the merchant. Then
 * the sweeper drains everything, and every payment is checked: one final status, reached by legal steps, that a
 * further sweep, a repeated notification and an inquiry do not change; at most one result told to the merchant
 * (one notifyId, one notification item), the one the payment ended with; and the wallet told to cancel every
 * success that does not stand, after it reported it. A summary of the paths taken is printed, and each path
 * must have been taken at least once.
 *
 * <p>The merchant is told a result by notification only for SUCCESS, FAIL and a close at the deadline (F
 * ORDER_IS_CLOSED); a cancel the merchant asked for is answered to it directly. A merchant may also cancel a
 * payment it has already been told was paid (a reversal inside the cancel window): that SUCCESS was the payment's
 * result when it was told, so it is counted, not refused. What is refused is telling the merchant a result the
 * payment does not have at that moment: the notify URL is a {@link ReceiptWitness} that reads the stored payment
 * as each notification arrives, in front of the {@link MerchantReceiver}.
 *
 * <p>Every failure names its payment and prints that payment's history: what the test did and saw, and the
 * gateway's and the wallet simulator's log lines about it, on one real-time axis. {@code -Drace.seed=N}
 * replays a run's shuffle (the threads' timing still varies); {@code -Drace.histories=FILE} writes every payment's
 * history to FILE.
 */
@Tag("e2e")
class RacingTriggersTest {

    private static final int PAYMENTS = 200;
    private static final int THREADS = 16;
    private static final int SWEEPERS = 3;
    private static final Duration SHORT_EXPIRY = Duration.ofMinutes(3);
    private static final Duration LONG_EXPIRY = Duration.ofMinutes(20);
    /** Moved half-way through the race: past the short expiries, well inside the long ones and the 5 min signature tolerance. */
    private static final Duration CLOCK_JUMP = Duration.ofMinutes(4);
    /**
     * The short-expiry payments' triggers start spread over this long after the jump, in random order: the
     * sweeper closes those payments over a few seconds (in the order they were resolved), so some wallet
     * results come before its close and some after.
     */
    private static final Duration SHORT_SPREAD = Duration.ofSeconds(6);
    private static final String DECLINE = "USER_BALANCE_NOT_ENOUGH";
    /** What WalletIntake logs once it has recorded a late success: when the wallet's re-cancel must come after. */
    private static final String LATE_SUCCESS_LOG = "reported success after the payment was";

    /** What the wallet says about a payment, in order; S_TWICE is two concurrent deliveries of the same S. */
    enum WalletPlan {
        S("S"), S_TWICE("S"), F("F"), F_THEN_S("FS"), S_THEN_F("SF"), SILENT("");

        final String results;

        WalletPlan(String results) {
            this.results = results;
        }

        boolean saysSuccess() {
            return results.contains("S");
        }
    }

    /** One payment of the race: its plan, and what the test did and saw. */
    static final class Tracked {
        final int index;
        final WalletPlan wallet;
        final boolean merchantCancels;
        /**
         * The merchant cancels in its own turn at the end of the race, not together with the wallet: once the
         * sweeper has told it the payment's result, if it is to have one.
         */
        final boolean cancelsLater;
        final boolean shortExpiry;
        /**
         * The wallet says S only once the sweeper has closed the payment at its deadline: a late success after a
         * deadline close happens in every run, however loaded the machine (the spread alone leaves it to chance).
         */
        final boolean paysAfterDeadlineClose;
        /**
         * The wallet's S and then the merchant's cancel come after the race, while no sweeper runs: the SUCCESS
         * notification is still undelivered when the payment is reversed, so the drain must supersede it, not
         * send it (in the race itself a sweeper round may or may not come between the two).
         */
        final boolean reversedBeforeAnySweep;
        final String requestId;
        final String customer;
        final Money amount;
        String paymentId;
        String codeValue;
        volatile long cancelStart = -1;
        volatile long cancelEnd = -1;
        volatile String cancelAnswer;
        volatile long firstSuccessNotifyStart = -1;
        /** Payments as read right after each of the test's own calls, to check the statuses it went through. */
        final List<Payment> observed = Collections.synchronizedList(new ArrayList<>());

        Tracked(int index) {
            this.index = index;
            this.wallet = WalletPlan.values()[index % WalletPlan.values().length];
            this.merchantCancels = index % 5 < 3;
            this.cancelsLater = merchantCancels && (index / 6) % 2 == 0;
            this.shortExpiry = index % 7 < 3;
            this.paysAfterDeadlineClose = shortExpiry && wallet == WalletPlan.S && !merchantCancels && index % 4 < 2;
            this.reversedBeforeAnySweep = wallet == WalletPlan.S && merchantCancels && !cancelsLater && !shortExpiry
                    && index % 8 == 6;
            this.requestId = "RACE-" + index;
            this.customer = "cust" + index;
            this.amount = Money.of(100 + index, "USD");
        }

        String describe() {
            return requestId + " (wallet " + wallet + ", " + (!merchantCancels ? "no merchant cancel"
                    : reversedBeforeAnySweep ? "wallet S then merchant cancel after the race, before any sweep"
                    : cancelsLater ? "merchant cancels later" : "merchant cancels with the wallet")
                    + ", expiry " + (shortExpiry ? "short" : "long") + ")";
        }
    }

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private SignedWallet wallet;
    private MerchantReceiver receiver;
    private ReceiptWitness witness;
    private RaceRecorder recorder;
    private ExecutorService pool;
    private ExecutorService sweepers;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private long harnessStart;

    @BeforeEach
    void start() {
        long before = RaceRecorder.now();
        recorder = new RaceRecorder();
        gateway = new GatewayHarness();
        harnessStart = RaceRecorder.now() - before;
        wallet = gateway.walletCaller();
        receiver = new MerchantReceiver(new NanoClock(), gateway.gatewayKeys.getPublic());
        witness = new ReceiptWitness(receiver, gateway::payment);
        merchant = gateway.merchant("MERCHANT_RACE", witness.url());
        pool = Executors.newFixedThreadPool(THREADS);
        sweepers = Executors.newFixedThreadPool(SWEEPERS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sweepers.shutdownNow();
        witness.close();
        receiver.close();
        gateway.close();
        recorder.close();
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void walletCallbacksRacingTheSweeperAndMerchantCancels() throws Exception {
        long seed = Long.getLong("race.seed", System.nanoTime());
        long t0 = RaceRecorder.now();
        List<Tracked> all = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            all.add(new Tracked(i));
        }
        Map<String, Tracked> byId = new ConcurrentHashMap<>();

        // 1. 200 order codes, each resolved by its customer's wallet
        runAll(all.stream().<Callable<Void>>map(t -> () -> {
            create(t);
            byId.put(t.paymentId, t);
            return null;
        }).toList(), "setup");
        long setupDone = RaceRecorder.now();

        // 2. the race
        RaceStats race = race(all, new Random(seed));
        long raceDone = RaceRecorder.now();
        Map<String, Payment> atRaceEnd = snapshot(all);

        // 3. drain: past every deadline, then sweep until nothing is due
        gateway.clock.advance(LONG_EXPIRY.plusMinutes(1));
        int drainRounds = drain("drain");
        assertThat(drainRounds).as("the drain ends").isPositive();
        long drainDone = RaceRecorder.now();

        Map<String, Payment> fin = snapshot(all);
        Map<String, List<Map<String, AttributeValue>>> items = notificationItems();
        Map<String, List<Received>> received = receivedByPayment();
        Map<String, List<ReceiptWitness.Witnessed>> witnessed = witness.witnessed().stream()
                .collect(Collectors.groupingBy(ReceiptWitness.Witnessed::paymentId));
        Map<String, List<RaceRecorder.Line>> walletCancels = simulatorCalls("cancelPayment");
        Map<String, Long> firstLateSuccessLog = firstLines(LATE_SUCCESS_LOG);

        Counts counts = new Counts();
        for (Tracked t : all) {
            checkPayment(t, atRaceEnd.get(t.paymentId), fin.get(t.paymentId), items.getOrDefault(t.paymentId, List.of()),
                    received.getOrDefault(t.paymentId, List.of()), witnessed.getOrDefault(t.paymentId, List.of()),
                    walletCancels.getOrDefault(t.paymentId, List.of()),
                    firstLateSuccessLog.get(t.paymentId), counts);
        }
        List<String> foreign = items.keySet().stream().filter(id -> !byId.containsKey(id)).toList();
        check(null, foreign.isEmpty(), "notification items for payments not in the race: " + foreign);
        List<String> unknownReceipts = receiver.received().stream().map(Received::paymentId).filter(id -> !byId.containsKey(id)).toList();
        check(null, unknownReceipts.isEmpty(), "notifications received for payments not in the race: " + unknownReceipts);

        // 4. stable: another sweep does nothing; the wallet repeating itself and the merchant inquiring change nothing
        int receivedBefore = receiver.received().size();
        gateway.clock.advance(Duration.ofHours(1));
        int idle = gateway.sweep();
        check(null, idle == 0, "a sweep after the drain found " + idle + " payments or notifications due");
        Map<String, Payment> afterSweep = snapshot(all);
        for (Tracked t : all) {
            check(t, afterSweep.get(t.paymentId).version() == fin.get(t.paymentId).version(),
                    "a sweep with nothing due changed the payment: " + statusOf(fin.get(t.paymentId)) + " v"
                            + fin.get(t.paymentId).version() + " -> " + statusOf(afterSweep.get(t.paymentId)) + " v"
                            + afterSweep.get(t.paymentId).version());
        }
        Map<String, String> inquired = new ConcurrentHashMap<>();
        runAll(all.stream().<Callable<Void>>map(t -> () -> {
            if (t.wallet != WalletPlan.SILENT) {
                notifyOnce(t, t.wallet.saysSuccess() ? 'S' : 'F', "repeat");
            }
            inquired.put(t.paymentId, merchant.call("inquiryPayment", Map.of("paymentId", t.paymentId)).get("paymentStatus"));
            return null;
        }).toList(), "repeat notify and inquiry");
        int stabilityRounds = drain("after repeats");
        Map<String, Payment> afterRepeat = snapshot(all);
        Map<String, List<Map<String, AttributeValue>>> itemsAfterRepeat = notificationItems();
        List<String> repeatRewrote = new ArrayList<>();
        for (Tracked t : all) {
            Payment before = fin.get(t.paymentId);
            Payment after = afterRepeat.get(t.paymentId);
            check(t, Objects.equals(inquired.get(t.paymentId), merchantStatus(before)),
                    "inquiryPayment says " + inquired.get(t.paymentId) + " but the payment is " + statusOf(before));
            check(t, before.status() == after.status() && before.closedBy() == after.closedBy()
                            && Objects.equals(before.resultCode(), after.resultCode()),
                    "the wallet repeating its notification changed the result: " + statusOf(before) + " -> " + statusOf(after));
            check(t, after.nextCheckAt() == null && after.cancelState() != CancelState.PENDING,
                    "after the repeats were drained it is still due: " + statusOf(after));
            check(t, Objects.equals(notificationSummary(items.get(t.paymentId)), notificationSummary(itemsAfterRepeat.get(t.paymentId))),
                    "the repeats changed its notification: " + notificationSummary(items.get(t.paymentId)) + " -> "
                            + notificationSummary(itemsAfterRepeat.get(t.paymentId)));
            if (after.version() != before.version()) {
                // the one rewrite seen: a repeat of the S that made a payment SUCCESS, after the merchant reversed it,
                // is taken for a new late success (lateSuccessAt set, the wallet told to cancel once more)
                boolean duplicateOfReversedSuccess = t.wallet.saysSuccess() && before.status() == PaymentStatus.CANCELLED
                        && before.paymentTime() != null && before.lateSuccessAt() == null && after.lateSuccessAt() != null
                        && after.cancelState() == CancelState.CONFIRMED;
                check(t, duplicateOfReversedSuccess, "the wallet repeating its notification rewrote the payment: "
                        + statusOf(before) + " v" + before.version() + " -> " + statusOf(after) + " v" + after.version());
                repeatRewrote.add(t.paymentId + " " + t.requestId + " " + statusOf(before) + " -> " + statusOf(after));
            }
        }
        check(null, receiver.received().size() == receivedBefore,
                "the repeats made the gateway notify the merchant again: " + receivedBefore + " -> " + receiver.received().size()
                        + " notifications " + receiver.received().subList(receivedBefore, receiver.received().size()));
        assertThat(stabilityRounds).isPositive();

        // 5. the summary, and every path the race is meant to exercise actually happened
        long end = RaceRecorder.now();
        String summary = String.format("%n[RacingTriggersTest] seed %d: %d payments, %d threads + %d sweeper threads%n"
                        + "  time: harness start %.1fs, setup %.1fs, race %.1fs (%d tasks, %d sweeper rounds, clock +%d min after %d tasks), drain %.1fs (%d rounds), checks %.1fs%n"
                        + "  final: SUCCESS %d, FAIL %d, CANCELLED %d (merchant %d, at deadline %d: %d of them closed during the race)%n"
                        + "  late successes %d (after merchant cancel %d, after deadline close %d, after FAIL %d, repeats of a reversed success %d); reversals of SUCCESS by the merchant %d%n"
                        + "  notifications: %d received (%d S, %d F) for %d payments, %d duplicate deliveries; items %d (DELIVERED %d, SUPERSEDED %d)%n"
                        + "  S told then reversed by the merchant's cancel %d; results told that the payment no longer had %d%n"
                        + "  wallet simulator calls: cancelPayment %d, inquiryPayment %d; race call errors %d; repeat notifies that rewrote the payment %d%n",
                seed, PAYMENTS, THREADS, SWEEPERS,
                harnessStart / 1e9, (setupDone - t0) / 1e9, (raceDone - setupDone) / 1e9, race.tasks, race.sweepRounds.get(), CLOCK_JUMP.toMinutes(),
                race.tasksBeforeJump, (drainDone - raceDone) / 1e9, drainRounds, (end - drainDone) / 1e9,
                counts.success, counts.fail, counts.cancelled, counts.cancelledByMerchant, counts.cancelledAtDeadline,
                counts.closedAtDeadlineDuringRace,
                counts.lateSuccess, counts.lateAfterMerchantCancel, counts.lateAfterDeadline, counts.lateAfterFail,
                counts.lateRepeatAfterReversal, counts.reversals,
                counts.receivedS + counts.receivedF, counts.receivedS, counts.receivedF, counts.notifiedPayments, counts.duplicateDeliveries,
                counts.items, counts.itemsDelivered, counts.itemsSuperseded,
                counts.toldSuccessThenReversed, counts.toldWhatWasNoLongerSo,
                gateway.wallet.callCount("cancelPayment"), gateway.wallet.callCount("inquiryPayment"), race.errors.get(),
                repeatRewrote.size());
        System.out.println(summary);
        if (!repeatRewrote.isEmpty()) {
            System.out.println("[RacingTriggersTest] payments a repeated notification rewrote (status unchanged):\n  "
                    + String.join("\n  ", repeatRewrote));
        }

        check(null, counts.success > 0, "no payment ended SUCCESS");
        check(null, counts.fail > 0, "no payment ended FAIL");
        check(null, counts.cancelledByMerchant > 0, "no payment was cancelled by the merchant");
        check(null, counts.closedAtDeadlineDuringRace > 0, "the sweeper closed no payment at its deadline during the race");
        check(null, counts.lateAfterMerchantCancel > 0, "no wallet success arrived after a merchant cancel");
        check(null, counts.lateAfterDeadline > 0, "no wallet success arrived after a close at the deadline");
        check(null, counts.lateAfterFail > 0, "no wallet success arrived after a FAIL");
        check(null, counts.reversals > 0, "the merchant reversed no SUCCESS");
        check(null, counts.receivedS > 0 && counts.receivedF > 0, "not both S and F were notified");
        check(null, counts.toldSuccessThenReversed > 0, "the merchant reversed no payment it had been told was paid");
        check(null, counts.itemsSuperseded > 0, "no SUCCESS notification was superseded by a cancel before delivery");

        String dump = System.getProperty("race.histories");
        if (dump != null) {
            Files.writeString(Path.of(dump), all.stream()
                    .map(t -> t.describe() + " ended " + statusOf(afterRepeat.get(t.paymentId)) + recorder.history(t.paymentId))
                    .collect(Collectors.joining("\n\n")));
        }
        assertThat(problems).as("%d problems (seed %d):%n%s", problems.size(), seed, String.join("\n", problems)).isEmpty();
    }

    // ---- the race -----------------------------------------------------------------------------------------

    private static final class RaceStats {
        int tasks;
        int tasksBeforeJump;
        final AtomicInteger sweepRounds = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
    }

    /**
     * The long-expiry payments' triggers first, then the short-expiry ones'; before those start, the clock jumps
     * past the short expiries and a sweeper round begins; they start spread over {@link #SHORT_SPREAD}, so each
     * of them races the sweeper closing it. Each
     * payment's wallet and merchant triggers are queued side by side and released together by a latch; the
     * later cancels are queued last, and each waits (5 s at most) for the merchant to have been told the result.
     */
    private RaceStats race(List<Tracked> all, Random random) throws Exception {
        RaceStats stats = new RaceStats();
        List<List<Runnable>> queue = new ArrayList<>();
        Map<List<Runnable>, Long> startAfterJump = new IdentityHashMap<>();
        AtomicLong jumpedAt = new AtomicLong();
        CountDownLatch sweepingAfterJump = new CountDownLatch(1);
        var clockJumped = new AtomicBoolean();
        List<Runnable> jump = List.of(() -> {
            gateway.clock.advance(CLOCK_JUMP);
            clockJumped.set(true);
            for (Tracked t : all) {
                recorder.event(t.paymentId, "clock moved +" + CLOCK_JUMP.toMinutes() + " min to " + gateway.now());
            }
            // the short-expiry triggers start once a sweeper round that sees them due has begun
            try {
                sweepingAfterJump.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<List<Runnable>> later = new ArrayList<>();
        for (boolean shortHalf : new boolean[] {false, true}) {
            List<List<Runnable>> groups = new ArrayList<>();
            for (Tracked t : all) {
                if (t.shortExpiry != shortHalf || t.reversedBeforeAnySweep) {
                    continue;
                }
                List<Runnable> group = new ArrayList<>();
                switch (t.wallet) {
                    case S, S_THEN_F, F_THEN_S, F -> group.add(() -> {
                        if (t.paysAfterDeadlineClose) {
                            awaitDeadlineClose(t);
                        }
                        for (char result : t.wallet.results.toCharArray()) {
                            notifyOnce(t, result, "race");
                        }
                    });
                    case S_TWICE -> {
                        group.add(() -> notifyOnce(t, 'S', "race"));
                        group.add(() -> notifyOnce(t, 'S', "race, duplicate"));
                    }
                    case SILENT -> {
                    }
                }
                if (t.merchantCancels) {
                    if (t.cancelsLater) {
                        later.add(List.of(() -> {
                            // a payment that will have a result: the merchant cancels once it has been told it
                            if (t.wallet != WalletPlan.SILENT || t.shortExpiry) {
                                awaitNotification(t);
                            }
                            cancel(t);
                        }));
                    } else {
                        group.add(() -> cancel(t));
                    }
                }
                Collections.shuffle(group, random);
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
            Collections.shuffle(groups, random);
            if (shortHalf) {
                stats.tasksBeforeJump = queue.stream().mapToInt(List::size).sum();
                queue.add(jump);
                for (List<Runnable> group : groups) {
                    startAfterJump.put(group, (long) (random.nextDouble() * SHORT_SPREAD.toNanos()));
                }
                groups.sort(Comparator.comparing(startAfterJump::get));
            }
            queue.addAll(groups);
        }
        Collections.shuffle(later, random);
        queue.addAll(later);
        stats.tasks = queue.stream().mapToInt(List::size).sum() - 1;

        var racing = new AtomicBoolean(true);
        List<Future<?>> sweeping = new ArrayList<>();
        for (int s = 0; s < SWEEPERS; s++) {
            sweeping.add(sweepers.submit(() -> {
                while (racing.get()) {
                    if (clockJumped.get()) {
                        sweepingAfterJump.countDown();
                    }
                    try {
                        gateway.sweep();
                    } catch (Throwable e) {
                        problems.add("race: a sweeper round threw " + e);
                    }
                    stats.sweepRounds.incrementAndGet();
                    Thread.sleep(2);
                }
                return null;
            }));
        }

        CountDownLatch jumped = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        boolean afterJump = false;
        for (List<Runnable> group : queue) {
            boolean isJump = group == jump;
            boolean waitForJump = afterJump;
            afterJump |= isJump;
            long offset = startAfterJump.getOrDefault(group, 0L);
            CountDownLatch together = new CountDownLatch(group.size());
            for (Runnable task : group) {
                futures.add(pool.submit(() -> {
                    if (waitForJump) {
                        jumped.await(60, TimeUnit.SECONDS);
                        long wait = jumpedAt.get() + offset - RaceRecorder.now();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS);
                    task.run();
                    if (isJump) {
                        jumpedAt.set(RaceRecorder.now());
                        jumped.countDown();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        racing.set(false);
        for (Future<?> future : sweeping) {
            future.get(30, TimeUnit.SECONDS);
        }
        for (Tracked t : all) {
            if (t.reversedBeforeAnySweep) {
                notifyOnce(t, 'S', "after the race");
                cancel(t);
            }
        }
        stats.errors.set((int) List.copyOf(problems).stream().filter(p -> p.contains(" threw ")).count());
        return stats;
    }

    private void create(Tracked t) {
        Map<String, Object> body = orderCode(t.requestId, "USD", t.amount.minor());
        body.put("paymentNotifyUrl", witness.url());
        body.put("paymentExpiryTime", AmsWire.time(gateway.now().plus(t.shortExpiry ? SHORT_EXPIRY : LONG_EXPIRY)));
        Answer pay = merchant.call("pay", body);
        assertThat(pay.resultCode()).as("pay of %s: %s", t.requestId, pay.body()).isEqualTo("SUCCESS");
        t.paymentId = pay.get("paymentId");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> details = (List<Map<String, Object>>) pay.object("orderCodeForm").get("codeDetails");
        t.codeValue = (String) details.get(0).get("codeValue");
        Answer scan = wallet.userInitiatedPay(t.codeValue, t.customer);
        assertThat(scan.resultCode()).as("userInitiatedPay of payment %s: %s", t.paymentId, scan.body()).isEqualTo("SUCCESS");
        assertThat(scan.get("paymentRequestId")).as("the order resolved for payment %s", t.paymentId).isEqualTo(t.paymentId);
        recorder.event(t.paymentId, "created " + t.describe() + ", resolved by " + t.customer);
    }

    private void notifyOnce(Tracked t, char result, String why) {
        long start = RaceRecorder.now();
        if (result == 'S' && t.firstSuccessNotifyStart < 0) {
            synchronized (t) {
                if (t.firstSuccessNotifyStart < 0) {
                    t.firstSuccessNotifyStart = start;
                }
            }
        }
        recorder.event(t.paymentId, "wallet notifyPayment " + result + " (" + why + ") sent");
        try {
            Answer answer = result == 'S' ? wallet.notifySuccess(t.paymentId, t.amount, t.customer)
                    : wallet.notifyFailure(t.paymentId, t.amount, t.customer, DECLINE);
            recorder.event(t.paymentId, "wallet notifyPayment " + result + " (" + why + ") answered " + answer.resultStatus() + " "
                    + answer.resultCode());
            check(t, "S".equals(answer.resultStatus()),
                    "notifyPayment " + result + " (" + why + ") was not acknowledged: " + answer.body());
            observe(t, "after notify " + result);
        } catch (Throwable e) {
            recorder.event(t.paymentId, "wallet notifyPayment " + result + " (" + why + ") threw " + e);
            check(t, false, "notifyPayment " + result + " (" + why + ") threw " + e);
        }
    }

    private void awaitDeadlineClose(Tracked t) {
        long until = RaceRecorder.now() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (RaceRecorder.now() < until) {
                if (gateway.payment(t.paymentId).closedBy() == ClosedBy.TIMEOUT) {
                    recorder.event(t.paymentId, "closed at its deadline; the wallet's S follows");
                    return;
                }
                Thread.sleep(5);
            }
            recorder.event(t.paymentId, "not closed at its deadline after 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitNotification(Tracked t) {
        try {
            boolean told = witness.awaitNotification(t.paymentId, Duration.ofSeconds(5));
            recorder.event(t.paymentId, told ? "the merchant has been told a result" : "no notification after 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cancel(Tracked t) {
        t.cancelStart = RaceRecorder.now();
        recorder.event(t.paymentId, "merchant cancel sent");
        try {
            Answer answer = merchant.call("cancel", Map.of("paymentId", t.paymentId));
            t.cancelEnd = RaceRecorder.now();
            t.cancelAnswer = answer.resultCode();
            recorder.event(t.paymentId, "merchant cancel answered " + answer.resultCode() + " cancelTime " + answer.get("cancelTime"));
            observe(t, "after cancel");
        } catch (Throwable e) {
            t.cancelEnd = RaceRecorder.now();
            recorder.event(t.paymentId, "merchant cancel threw " + e);
            check(t, false, "merchant cancel threw " + e);
        }
    }

    private void observe(Tracked t, String when) {
        Payment p = gateway.payment(t.paymentId);
        t.observed.add(p);
        recorder.event(t.paymentId, "read " + when + ": " + statusOf(p) + " v" + p.version());
    }

    /** Sweeps, moving the clock a minute each round, until two rounds in a row find nothing due; returns the rounds. */
    private int drain(String what) {
        int quiet = 0;
        int rounds = 0;
        while (quiet < 2) {
            if (++rounds > 60) {
                throw new AssertionError(what + ": still something due after 60 sweeper rounds");
            }
            quiet = gateway.sweep() == 0 ? quiet + 1 : 0;
            gateway.clock.advance(Duration.ofMinutes(1));
        }
        return rounds;
    }

    private void runAll(List<Callable<Void>> tasks, String what) throws Exception {
        List<Future<Void>> futures = pool.invokeAll(tasks, 120, TimeUnit.SECONDS);
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError assertion) {
                    throw assertion;
                }
                throw new AssertionError(what + " failed", e.getCause());
            }
        }
    }

    // ---- the checks ---------------------------------------------------------------------------------------

    private static final class Counts {
        int success;
        int fail;
        int cancelled;
        int cancelledByMerchant;
        int cancelledAtDeadline;
        int closedAtDeadlineDuringRace;
        int lateSuccess;
        int lateAfterMerchantCancel;
        int lateAfterDeadline;
        int lateAfterFail;
        int lateRepeatAfterReversal;
        int reversals;
        int receivedS;
        int receivedF;
        int notifiedPayments;
        int duplicateDeliveries;
        int items;
        int itemsDelivered;
        int itemsSuperseded;
        int toldSuccessThenReversed;
        int toldWhatWasNoLongerSo;
    }

    private void checkPayment(Tracked t, Payment atRaceEnd, Payment p, List<Map<String, AttributeValue>> items,
                              List<Received> received, List<ReceiptWitness.Witnessed> witnessed,
                              List<RaceRecorder.Line> walletCancels, Long firstLateSuccessLog,
                              Counts counts) {
        String pid = t.paymentId;
        for (ReceiptWitness.Witnessed w : witnessed) {
            recorder.eventAt(pid, w.at(), "merchant notify URL got " + w.notifyId() + " " + w.resultStatus() + " while the payment was "
                    + statusOf(w.storedThen()) + " v" + w.storedThen().version());
        }

        // one final status, reached by legal steps, unchanged since the race if it had one then
        check(t, p.status() == PaymentStatus.SUCCESS || p.status() == PaymentStatus.FAIL || p.status() == PaymentStatus.CANCELLED,
                "no final status after the drain: " + statusOf(p));
        check(t, p.nextCheckAt() == null && p.cancelState() != CancelState.PENDING,
                "still has work due after the drain: " + statusOf(p) + " nextCheckAt " + p.nextCheckAt() + " cancel " + p.cancelState());
        List<Payment> path = new ArrayList<>(t.observed);
        path.add(atRaceEnd);
        path.add(p);
        path.sort(Comparator.comparingLong(Payment::version));
        PaymentStatus outcome = null;
        ClosedBy outcomeBy = null;
        for (Payment seen : path) {
            if (!seen.status().hasOutcome()) {
                check(t, outcome == null, "went back from " + outcome + " to " + statusOf(seen) + " at v" + seen.version());
                continue;
            }
            if (outcome != null && (seen.status() != outcome || seen.closedBy() != outcomeBy)) {
                boolean reversal = outcome == PaymentStatus.SUCCESS && seen.status() == PaymentStatus.CANCELLED
                        && seen.closedBy() == ClosedBy.MERCHANT;
                check(t, reversal, "two final states: " + outcome + (outcomeBy == null ? "" : "/" + outcomeBy) + " then "
                        + statusOf(seen) + " at v" + seen.version());
            }
            outcome = seen.status();
            outcomeBy = seen.closedBy();
        }
        // paymentTime is set when a payment becomes SUCCESS and kept: a CANCELLED payment with one was reversed
        boolean reversed = p.status() == PaymentStatus.CANCELLED && p.paymentTime() != null;
        check(t, p.status() != PaymentStatus.CANCELLED || reversed || path.stream().noneMatch(s -> s.status() == PaymentStatus.SUCCESS),
                "was seen SUCCESS, ended " + statusOf(p) + " without a paymentTime");
        if (atRaceEnd.status().hasOutcome()) {
            check(t, atRaceEnd.status() == p.status() && atRaceEnd.closedBy() == p.closedBy(),
                    "final at the end of the race as " + statusOf(atRaceEnd) + " but ended " + statusOf(p));
        }

        // who could have closed it
        if (p.closedBy() == ClosedBy.MERCHANT) {
            check(t, t.merchantCancels, "closed by the merchant, who never cancelled it");
        }
        if (p.status() == PaymentStatus.SUCCESS) {
            check(t, t.wallet.saysSuccess() && !t.merchantCancels, "SUCCESS though the wallet said " + t.wallet
                    + (t.merchantCancels ? " and the merchant cancelled (answered " + t.cancelAnswer + ")" : ""));
        }
        if (p.status() == PaymentStatus.FAIL) {
            check(t, t.wallet.results.startsWith("F"), "FAIL though the wallet said " + t.wallet);
            check(t, DECLINE.equals(p.resultCode()), "FAIL with " + p.resultCode());
        }
        if (t.merchantCancels) {
            check(t, "SUCCESS".equals(t.cancelAnswer), "the merchant's cancel was answered " + t.cancelAnswer);
            check(t, p.status() != PaymentStatus.SUCCESS, "the merchant's cancel was answered SUCCESS but the payment ended SUCCESS");
        }

        // the notification outbox: one item per payment, its result the payment's
        counts.items += items.size();
        check(t, items.size() <= 1, "has " + items.size() + " notification items: " + notificationSummary(items));
        Map<String, AttributeValue> item = items.isEmpty() ? null : items.get(0);
        String itemResult = item == null ? null : item.get("resultStatus").s();
        String itemStatus = item == null ? null : item.get("status").s();
        if (item != null) {
            check(t, MerchantNotices.notificationId(pid).equals(item.get("notificationId").s()),
                    "its notification item has id " + item.get("notificationId").s());
            counts.itemsDelivered += "DELIVERED".equals(itemStatus) ? 1 : 0;
            counts.itemsSuperseded += "SUPERSEDED".equals(itemStatus) ? 1 : 0;
        }
        String expected = switch (p.status()) {
            case SUCCESS -> "S";
            case FAIL -> "F";
            case CANCELLED -> p.closedBy() == ClosedBy.TIMEOUT ? "F" : null;
            default -> null;
        };
        if (expected != null) {
            check(t, expected.equals(itemResult) && "DELIVERED".equals(itemStatus),
                    "ended " + statusOf(p) + " so its notification should be " + expected + " DELIVERED, is " + notificationSummary(items));
        } else if (item != null) {
            check(t, reversed && "S".equals(itemResult) && ("SUPERSEDED".equals(itemStatus) || "DELIVERED".equals(itemStatus)),
                    "cancelled by the merchant yet has notification " + notificationSummary(items));
        }

        // what the merchant received: one notifyId, one result, the payment's
        if (!received.isEmpty()) {
            counts.notifiedPayments++;
            counts.duplicateDeliveries += received.size() - 1;
        }
        Set<String> results = received.stream().map(Received::resultStatus).collect(Collectors.toSet());
        Set<String> ids = received.stream().map(Received::notifyId).collect(Collectors.toSet());
        for (Received r : received) {
            counts.receivedS += "S".equals(r.resultStatus()) ? 1 : 0;
            counts.receivedF += "F".equals(r.resultStatus()) ? 1 : 0;
            check(t, r.signatureValid(), "received a notification whose signature does not verify");
        }
        check(t, results.size() <= 1, "the merchant was told two different results: " + receipts(received));
        check(t, ids.size() <= 1 && ids.stream().allMatch(MerchantNotices.notificationId(pid)::equals),
                "notifications with notifyIds " + ids + ", not just " + MerchantNotices.notificationId(pid));
        if (expected != null) {
            check(t, results.equals(Set.of(expected)), "ended " + statusOf(p) + " but the merchant received " + receipts(received));
            if (p.closedBy() == ClosedBy.TIMEOUT) {
                check(t, received.stream().allMatch(r -> "ORDER_IS_CLOSED".equals(((Map<?, ?>) r.body().get("result")).get("resultCode"))),
                        "closed at its deadline but told " + receipts(received));
            }
        } else {
            // closed by the merchant: nothing to tell, except a SUCCESS it heard before it reversed the payment
            check(t, !results.contains("F"), "cancelled by the merchant but told F: " + receipts(received));
            if (witnessed.stream().anyMatch(w -> "S".equals(w.resultStatus()) && w.storedThen().status() == PaymentStatus.SUCCESS)) {
                counts.toldSuccessThenReversed++;
            }
        }
        // every result told was the payment's result at the moment it was told: never a SUCCESS the merchant had
        // already reversed, never a result the payment did not have yet
        check(t, witnessed.size() == received.size(), witnessed.size() + " notifications reached the notify URL but the receiver recorded "
                + received.size());
        for (ReceiptWitness.Witnessed w : witnessed) {
            Payment then = w.storedThen();
            boolean matches = "S".equals(w.resultStatus()) ? then.status() == PaymentStatus.SUCCESS
                    : then.status() == PaymentStatus.FAIL || then.status() == PaymentStatus.CANCELLED && then.closedBy() == ClosedBy.TIMEOUT;
            // the one documented exception: a SUCCESS whose attempt had started (claimed while the payment was paid)
            // when the merchant's own reversal landed still arrives; no attempt starts after a reversal
            boolean inFlightAtReversal = "S".equals(w.resultStatus()) && then.status() == PaymentStatus.CANCELLED
                    && then.closedBy() == ClosedBy.MERCHANT && then.paymentTime() != null;
            if (!matches && !inFlightAtReversal) {
                counts.toldWhatWasNoLongerSo++;
            }
            check(t, matches || inFlightAtReversal, "the merchant was told " + w.resultStatus() + " at " + RaceRecorder.ms(w.at()) + " while the payment was "
                    + statusOf(then) + " (v" + then.version() + ")" + (t.cancelEnd < 0 ? ""
                    : "; the merchant's cancel ran " + RaceRecorder.ms(t.cancelStart) + " to " + RaceRecorder.ms(t.cancelEnd))
                    + "; it ended " + statusOf(p) + ", its notification " + notificationSummary(items));
        }

        // a success that does not stand: recorded, and the wallet told to give the money back after it said S
        if (p.status() == PaymentStatus.SUCCESS) {
            check(t, walletCancels.isEmpty(), "ended SUCCESS but the wallet was told to cancel it " + walletCancels.size() + " times");
            check(t, p.lateSuccessAt() == null, "ended SUCCESS with a late success recorded");
        }
        if (t.wallet.saysSuccess() && p.status() != PaymentStatus.SUCCESS) {
            check(t, reversed || p.lateSuccessAt() != null,
                    "the wallet said S, the payment ended " + statusOf(p) + ", and no late success was recorded");
            check(t, p.cancelState() == CancelState.CONFIRMED,
                    "the wallet said S, the payment ended " + statusOf(p) + ", and the wallet's cancel is " + p.cancelState());
            check(t, walletCancels.stream().anyMatch(l -> l.at() > t.firstSuccessNotifyStart),
                    "the wallet said S (first at " + RaceRecorder.ms(t.firstSuccessNotifyStart) + "), the payment ended " + statusOf(p)
                            + ", but the wallet got no cancelPayment after that (cancels at "
                            + walletCancels.stream().map(l -> RaceRecorder.ms(l.at())).toList() + ")");
        }
        if (p.lateSuccessAt() != null) {
            check(t, t.wallet.saysSuccess(), "a late success recorded though the wallet never said S");
            check(t, firstLateSuccessLog != null && walletCancels.stream().anyMatch(l -> l.at() > firstLateSuccessLog),
                    firstLateSuccessLog == null ? "a late success was recorded but WalletIntake did not log \"" + LATE_SUCCESS_LOG + "\""
                            : "a late success was recorded (logged at " + RaceRecorder.ms(firstLateSuccessLog)
                            + ") but no cancelPayment reached the wallet after it");
            counts.lateSuccess++;
            if (p.status() == PaymentStatus.FAIL) {
                counts.lateAfterFail++;
            } else if (p.closedBy() == ClosedBy.TIMEOUT) {
                counts.lateAfterDeadline++;
            } else if (reversed) {
                // the wallet charged once, the S that made it SUCCESS; this was a repeat of it after the reversal
                counts.lateRepeatAfterReversal++;
            } else {
                counts.lateAfterMerchantCancel++;
            }
        }
        if (p.status() == PaymentStatus.CANCELLED) {
            check(t, p.cancelState() == CancelState.CONFIRMED, "CANCELLED after a wallet resolved it, but the wallet's cancel is "
                    + p.cancelState());
            check(t, !walletCancels.isEmpty(), "CANCELLED after a wallet resolved it, but the wallet never got a cancelPayment");
        }
        if (p.status() == PaymentStatus.FAIL && p.lateSuccessAt() == null) {
            check(t, walletCancels.isEmpty(), "FAIL without a late success, yet the wallet got a cancelPayment");
        }

        switch (p.status()) {
            case SUCCESS -> counts.success++;
            case FAIL -> counts.fail++;
            case CANCELLED -> {
                counts.cancelled++;
                if (p.closedBy() == ClosedBy.MERCHANT) {
                    counts.cancelledByMerchant++;
                    counts.reversals += reversed ? 1 : 0;
                } else {
                    counts.cancelledAtDeadline++;
                    counts.closedAtDeadlineDuringRace += atRaceEnd.status() == PaymentStatus.CANCELLED ? 1 : 0;
                }
            }
            default -> {
            }
        }
    }

    /** Records a problem; {@code t} null for one about the whole race. */
    private void check(Tracked t, boolean ok, String what) {
        if (!ok) {
            problems.add(t == null ? "race: " + what
                    : "payment " + t.paymentId + " " + t.describe() + ": " + what + recorder.history(t.paymentId));
        }
    }

    // ---- reading the state ----------------------------------------------------------------------------------

    private Map<String, Payment> snapshot(List<Tracked> all) {
        Map<String, Payment> payments = new HashMap<>();
        for (Tracked t : all) {
            payments.put(t.paymentId, gateway.payment(t.paymentId));
        }
        return payments;
    }

    /** Every notification item in the table, by payment: a Scan, so a second item under any id would show. */
    private Map<String, List<Map<String, AttributeValue>>> notificationItems() {
        Map<String, List<Map<String, AttributeValue>>> byPayment = new TreeMap<>();
        gateway.dynamoClient.scanPaginator(b -> b.tableName(gateway.table)
                        .filterExpression("begins_with(#pk, :ntf)")
                        .expressionAttributeNames(Map.of("#pk", ScanpayTable.PK))
                        .expressionAttributeValues(Map.of(":ntf", AttributeValue.fromS("NTF#")))
                        .consistentRead(true))
                .items().forEach(item -> byPayment.computeIfAbsent(item.get("paymentId").s(), k -> new ArrayList<>()).add(item));
        return byPayment;
    }

    private static String notificationSummary(List<Map<String, AttributeValue>> items) {
        if (items == null || items.isEmpty()) {
            return "none";
        }
        return items.stream().map(i -> i.get("notificationId").s() + " " + i.get("resultStatus").s() + " " + i.get("status").s()
                + " attempts " + i.get("attempts").n()).collect(Collectors.joining(", "));
    }

    private Map<String, List<Received>> receivedByPayment() {
        Map<String, List<Received>> byPayment = new HashMap<>();
        for (Received r : receiver.received()) {
            byPayment.computeIfAbsent(r.paymentId(), k -> new ArrayList<>()).add(r);
        }
        return byPayment;
    }

    private static String receipts(List<Received> received) {
        return received.stream().map(r -> r.notifyId() + " " + r.resultStatus() + " at " + RaceRecorder.ms(NanoClock.nanos(r.at())))
                .toList().toString();
    }

    /** The wallet simulator's own log of the calls it got ("cancelPayment <paymentRequestId>: ..."), by payment. */
    private Map<String, List<RaceRecorder.Line>> simulatorCalls(String operation) {
        Map<String, List<RaceRecorder.Line>> byPayment = new HashMap<>();
        for (RaceRecorder.Line line : recorder.lines()) {
            if (line.logger().endsWith("simulator.WalletApiHandler") && line.message().startsWith(operation + " ")) {
                String subject = line.message().substring(operation.length() + 1);
                int colon = subject.indexOf(':');
                if (colon > 0) {
                    byPayment.computeIfAbsent(subject.substring(0, colon), k -> new ArrayList<>()).add(line);
                }
            }
        }
        return byPayment;
    }

    /** When the gateway first logged {@code text} about each payment. */
    private Map<String, Long> firstLines(String text) {
        Map<String, Long> first = new HashMap<>();
        for (RaceRecorder.Line line : recorder.lines()) {
            if (line.message().contains(text)) {
                String paymentId = line.message().replaceFirst("^Payment (\\S+?):.*$", "$1");
                first.merge(paymentId, line.at(), Math::min);
            }
        }
        return first;
    }

    private static String statusOf(Payment p) {
        return p.status() + (p.closedBy() == null ? "" : "/" + p.closedBy())
                + (p.lateSuccessAt() == null ? "" : " lateSuccess@" + p.lateSuccessAt())
                + (p.cancelState() == CancelState.NONE ? "" : " cancel " + p.cancelState());
    }

    /** What inquiryPayment must answer for this final state: a close at the deadline reads as FAIL. */
    private static String merchantStatus(Payment p) {
        return switch (p.status()) {
            case SUCCESS -> "SUCCESS";
            case FAIL -> "FAIL";
            case CANCELLED -> p.closedBy() == ClosedBy.TIMEOUT ? "FAIL" : "CANCELLED";
            default -> "PROCESSING";
        };
    }
}
