package dev.scanpay.testkit;

import dev.scanpay.core.api.AnswerDeadlines;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.payment.ClosedBy;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.refund.RefundStatus;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.simulator.SimulatedPayment;
import dev.scanpay.testkit.SignedCaller.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Merchant flows driven through a {@link GatewayHarness} while DynamoDB misbehaves, and the reconciliation that
 * must hold once it recovers: what the fault suite and the {@code chaos} benchmark share.
 *
 * <p>A flow is a user-presented pay by one of the simulator's customers; a pay answered U is repeated once
 * with the same paymentRequestId (as Alipay's rules allow); a paid payment is then, in turn, left alone,
 * cancelled, or half refunded (a refund answered U repeated once). Every answer is timed against its deadline
 * (the gateway's own {@link AnswerDeadlines}) and checked signed by {@link SignedMerchant}.
 *
 * <p>{@link #settle} then lets what is still running finish and runs the sweeper on a moved clock until every
 * payment and refund has its outcome and every notification owed has reached the merchant; {@link #mismatches}
 * compares the gateway's records with the simulator's ledger.
 */
public final class FaultFlows implements AutoCloseable {

    /** One merchant call: its operation, its result status (S, F, U, or UNSIGNED / ERROR) and how long it took. */
    public record Call(String operation, String status, Duration took, boolean overBudget) {
    }

    private final GatewayHarness gateway;
    private final SignedMerchant merchant;
    private final MerchantReceiver receiver;
    private final Duration margin;
    private final List<String> paymentRequestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    /** Requests whose last answer was not final (U, or none), by operation: what a merchant repeats later. */
    private final Map<String, Map<String, Object>> unknown = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param margin what an answer may take beyond its deadline (the signing and the transport) before it counts
     *               as over budget
     */
    public FaultFlows(GatewayHarness gateway, String merchantId, Duration margin) {
        this.gateway = gateway;
        this.receiver = new MerchantReceiver(gateway.clock, gateway.gatewayKeys.getPublic());
        this.merchant = gateway.merchant(merchantId, ClientKind.MERCHANT, Set.of(), List.of(receiver.url()));
        this.margin = margin;
    }

    /** Runs {@code flows} flows on {@code threads} threads (each its own customers); returns their calls. */
    public List<Call> run(String label, int flows, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            List<Call> these = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < flows; i++) {
                int n = next.incrementAndGet();
                running.add(pool.submit(() -> flow(label + "-" + n, n, these)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a flow failed outside its calls", e.getCause());
                }
            }
            calls.addAll(these);
            return List.copyOf(these);
        } finally {
            pool.shutdown();
        }
    }

    private void flow(String id, int n, List<Call> into) {
        String paymentRequestId = "PR-" + id;
        paymentRequestIds.add(paymentRequestId);
        long minor = 100 + n;
        Map<String, Object> body = new HashMap<>(PayBodies.userPresented(paymentRequestId, "USD", minor,
                gateway.wallet.issuePaymentCode("customer-" + id)));
        body.put("paymentNotifyUrl", receiver.url());
        Optional<Answer> pay = call("pay", body, into);
        if (pay.isPresent() && "U".equals(pay.get().resultStatus())) {
            pay = call("pay", body, into);
        }
        if (pay.isEmpty() || "U".equals(pay.get().resultStatus())) {
            unknown.put("pay " + paymentRequestId, body);
        }
        if (pay.isEmpty() || !"S".equals(pay.get().resultStatus()) || pay.get().get("paymentId") == null) {
            return;
        }
        String paymentId = pay.get().get("paymentId");
        switch (n % 3) {
            case 1 -> call("cancel", Map.of("paymentId", paymentId), into);
            case 2 -> {
                Map<String, Object> refund = Map.of("refundRequestId", "RF-" + id, "paymentId", paymentId,
                        "refundAmount", Map.of("currency", "USD", "value", Long.toString(minor / 2)));
                Optional<Answer> first = call("refund", refund, into);
                if (first.isPresent() && "U".equals(first.get().resultStatus())) {
                    Optional<Answer> second = call("refund", refund, into);
                    if (second.isEmpty() || "U".equals(second.get().resultStatus())) {
                        unknown.put("refund RF-" + id, refund);
                    }
                }
            }
            default -> {
                // paid and kept
            }
        }
    }

    private Optional<Answer> call(String operation, Map<String, Object> body, List<Call> into) {
        return callAs(operation, operation, body, into);
    }

    private Optional<Answer> callAs(String operation, String label, Map<String, Object> body, List<Call> into) {
        AnswerDeadlines deadlines = gateway.context.getBean(AnswerDeadlines.class);
        Duration budget = (operation.equals("pay") ? deadlines.pay() : deadlines.usual()).plus(margin);
        long started = System.nanoTime();
        String status;
        Answer answer = null;
        try {
            answer = merchant.call(operation, body);
            status = answer.resultStatus();
        } catch (AssertionError e) {
            status = "UNSIGNED";
        } catch (RuntimeException e) {
            status = "ERROR";
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        into.add(new Call(label, status, took, took.compareTo(budget) > 0));
        return Optional.ofNullable(answer);
    }

    /**
     * Once the faults are cleared and the work left running past its callers' deadlines has finished: each pay
     * and refund whose last answer was unknown is repeated once with the same request id, as a merchant does (a pay stranded unsent is then sent). Returns these calls, as
     * {@code pay-repeat} and {@code refund-repeat}.
     */
    public List<Call> repeatUnknown() throws InterruptedException {
        // first what the first calls left running (a wallet call, the write of its answer) must finish
        gateway.awaitLeftoverWork(Duration.ofSeconds(30));
        List<Call> these = Collections.synchronizedList(new ArrayList<>());
        unknown.forEach((key, body) -> {
            String operation = key.substring(0, key.indexOf(' '));
            callAs(operation, operation + "-repeat", body, these);
        });
        unknown.clear();
        calls.addAll(these);
        return List.copyOf(these);
    }

    /**
     * Once the faults are cleared: waits for work left running past its callers' deadlines, then moves the clock
     * and sweeps until nothing of these flows is open and every notification owed was received (at most
     * {@code rounds} rounds of {@code step}). Returns the rounds run.
     */
    public int settle(int rounds, Duration step) throws InterruptedException {
        gateway.awaitLeftoverWork(Duration.ofSeconds(30));
        int round = 0;
        while (round < rounds && !settled()) {
            gateway.clock.advance(step);
            gateway.sweep();
            round++;
        }
        return round;
    }

    private boolean settled() {
        return openOrUnnotified().isEmpty();
    }

    private List<String> openOrUnnotified() {
        List<String> left = new ArrayList<>();
        Set<String> received = receiver.received().stream().map(MerchantReceiver.Received::notifyId).collect(Collectors.toSet());
        for (String paymentRequestId : List.copyOf(paymentRequestIds)) {
            Optional<Payment> payment = gateway.payments().findByRequest(merchant.clientId, paymentRequestId);
            if (payment.isEmpty()) {
                continue;
            }
            Payment p = payment.get();
            if (!p.status().hasOutcome() || p.nextCheckAt() != null) {
                left.add(paymentRequestId + " is " + p.status() + " (next check " + p.nextCheckAt() + ")");
            }
            for (Refund refund : gateway.refunds().byPayment(p.paymentId())) {
                if (!refund.status().isFinal()) {
                    left.add("refund " + refund.refundRequestId() + " is " + refund.status());
                }
            }
            if (owesNotification(p) && !received.contains(MerchantNotices.notificationId(p.paymentId()))) {
                left.add(paymentRequestId + " (" + p.status() + ") has no notification received");
            }
        }
        return left;
    }

    private static boolean owesNotification(Payment p) {
        return p.status() == PaymentStatus.SUCCESS || p.status() == PaymentStatus.FAIL
                || (p.status() == PaymentStatus.CANCELLED && p.closedBy() == ClosedBy.TIMEOUT);
    }

    /**
     * What disagrees between the gateway and the wallet simulator's ledger, one line each; empty when they agree
     * exactly: no charge without SUCCESS, no SUCCESS without a charge, no double charge, refunds equal, nothing
     * open, every notification owed stored and received, and none sent again once the merchant acknowledged it.
     */
    public List<String> mismatches() {
        List<String> mismatches = new ArrayList<>(openOrUnnotified());
        mismatches.addAll(acknowledgedAndSentAgain());
        NotificationStore notifications = gateway.context.getBean(NotificationStore.class);
        int chargesSeen = 0;
        for (String paymentRequestId : List.copyOf(paymentRequestIds)) {
            Optional<Payment> payment = gateway.payments().findByRequest(merchant.clientId, paymentRequestId);
            if (payment.isEmpty()) {
                continue;   // never created: the wallet cannot have been asked (the total below would show it)
            }
            // the gateway asks the wallet under its own paymentId
            Optional<SimulatedPayment> wallet = gateway.wallet.payment(payment.get().paymentId());
            int charges = gateway.wallet.chargeCount(payment.get().paymentId());
            chargesSeen += charges;
            boolean walletPaid = wallet.map(w -> w.status() == SimulatedPayment.Status.PAID).orElse(false);
            if (charges > 1) {
                mismatches.add(paymentRequestId + " charged " + charges + " times");
            }
            Payment p = payment.get();
            boolean success = p.status() == PaymentStatus.SUCCESS;
            if (success != walletPaid) {
                mismatches.add(paymentRequestId + " is " + p.status() + " at the gateway, "
                        + wallet.map(w -> w.status().toString()).orElse("unknown") + " at the wallet");
            }
            long refunded = gateway.refunds().byPayment(p.paymentId()).stream()
                    .filter(r -> r.status() == RefundStatus.SUCCESS).mapToLong(r -> r.amount().minor()).sum();
            long walletRefunded = wallet.map(SimulatedPayment::refundedMinor).orElse(0L);
            if (refunded != walletRefunded) {
                mismatches.add(paymentRequestId + " refunded " + refunded + " at the gateway, " + walletRefunded + " at the wallet");
            }
            if (owesNotification(p) && notifications.get(MerchantNotices.notificationId(p.paymentId())).isEmpty()) {
                mismatches.add(paymentRequestId + " (" + p.status() + ") owes a notification that was never stored");
            }
        }
        if (gateway.wallet.totalCharges() != chargesSeen) {
            mismatches.add("the wallet charged " + gateway.wallet.totalCharges() + " times, " + chargesSeen
                    + " of them for payments the gateway knows");
        }
        return mismatches;
    }

    /**
     * Notifications the merchant acknowledged and was sent again, one line each: what a lost DELIVERED mark used to
     * cause (the lease ended and the next sender repeated it as a new attempt).
     */
    public List<String> acknowledgedAndSentAgain() {
        Map<String, Long> afterAcknowledged = new java.util.TreeMap<>();
        Set<String> acknowledged = new java.util.HashSet<>();
        for (MerchantReceiver.Received r : receiver.received()) {
            if (acknowledged.contains(r.notifyId())) {
                afterAcknowledged.merge(r.notifyId(), 1L, Long::sum);
            }
            if (r.answeredAs() == MerchantReceiver.Mode.ACKNOWLEDGE) {
                acknowledged.add(r.notifyId());
            }
        }
        List<String> lines = new ArrayList<>();
        afterAcknowledged.forEach((id, times) -> lines.add("notification " + id + " sent " + times
                + " more time(s) after the merchant acknowledged it"));
        return lines;
    }

    /** Payments the flows asked for. */
    public int flows() {
        return paymentRequestIds.size();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
