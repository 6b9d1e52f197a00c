package dev.scanpay.simulator;

import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.simulator.SimulatedPayment.Status;
import dev.scanpay.simulator.WalletRequests.PayCommand;
import dev.scanpay.simulator.WalletRequests.RefundCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wallet's books: customers, issued codes, payments and refunds, and the rules of pay, scan, inquiry,
 * cancel and refund. One lock guards everything, so concurrent repeats of the same pay or scan can never
 * charge twice; a simulator does not need more throughput than that gives. Nothing here waits: holding
 * connections is the HTTP layer's job, and sending the notifyPayments these rules plan is the
 * {@link PaymentNotifier}'s, both outside the lock.
 *
 * <p>Time comes only from the clock. Payments and refunds in process settle lazily: every operation first
 * settles whatever the clock has moved past, so a test that moves its clock sees the result at its next
 * call without any background thread.
 */
final class WalletLedger {

    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final PaymentCodeBook codes;
    private final NotificationQueue notifications;
    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, PaymentEntry> payments = new HashMap<>();
    private final Map<String, RefundEntry> refunds = new HashMap<>();
    private final Set<PaymentEntry> pendingPayments = new LinkedHashSet<>();
    private final Set<RefundEntry> pendingRefunds = new LinkedHashSet<>();
    private final SettlementFileTweaks settlementTweaks = new SettlementFileTweaks();
    private long paymentSequence;
    private long refundSequence;
    private int totalCharges;

    WalletLedger(Clock clock, String codePrefix, NotificationQueue notifications) {
        this.clock = clock;
        this.codes = new PaymentCodeBook(codePrefix);
        this.notifications = notifications;
    }

    // ---- customers and codes (the "phone" side)

    synchronized String issuePaymentCode(String customerId) {
        Instant now = settleDue();
        customerOrCreate(customerId);
        return codes.issue(customerId, now);
    }

    synchronized SimulatedCustomer configure(String customerId, CustomerSettings settings) {
        settleDue();
        Customer customer = customers.get(customerId);
        if (customer == null) {
            // validate on a fresh customer first so a refused change creates nobody
            customer = new Customer(customerId);
            customer.apply(settings);
            customers.put(customerId, customer);
        } else {
            customer.apply(settings);
        }
        return customer.snapshot();
    }

    synchronized Optional<SimulatedCustomer> customer(String customerId) {
        settleDue();
        return Optional.ofNullable(customers.get(customerId)).map(Customer::snapshot);
    }

    synchronized long balance(String customerId, String currency) {
        settleDue();
        Customer customer = customers.get(customerId);
        if (customer == null) {
            throw new IllegalArgumentException("no simulated customer " + customerId);
        }
        return customer.balance(currency);
    }

    synchronized Optional<SimulatedPayment> payment(String paymentRequestId) {
        settleDue();
        return Optional.ofNullable(payments.get(paymentRequestId)).map(PaymentEntry::snapshot);
    }

    synchronized int chargeCount(String paymentRequestId) {
        settleDue();
        PaymentEntry payment = payments.get(paymentRequestId);
        return payment == null ? 0 : payment.charges;
    }

    synchronized int totalCharges() {
        settleDue();
        return totalCharges;
    }

    // ---- the wallet API

    synchronized WalletReply pay(PayCommand command) {
        Instant now = settleDue();
        PaymentEntry existing = payments.get(command.paymentRequestId());
        if (existing != null) {
            return repeatPay(existing, command);
        }
        PaymentEntry payment = new PaymentEntry(command.paymentRequestId(), now);
        payment.amount = command.amount();
        payment.paymentCode = command.paymentCode();
        payments.put(payment.paymentRequestId, payment);

        PaymentCodeBook.Use use = codes.use(command.paymentCode(), command.paymentRequestId(), now);
        payment.customerId = use.customerId();
        switch (use.verdict()) {
            case UNKNOWN:
                payment.declined("INVALID_PAYMENT_CODE", "the payment code is not one this wallet issued");
                return payReply(payment);
            case ALREADY_USED:
                payment.declined("INVALID_PAYMENT_CODE", "the payment code was already used");
                return payReply(payment);
            case EXPIRED:
                payment.declined("EXPIRED_CODE", "the payment code has expired");
                return payReply(payment);
            default:
                break;
        }
        Customer customer = customers.get(use.customerId());
        // the amount trigger wins over the customer's setting, so any amount typed at a till picks a path
        Behaviour behaviour = Behaviour.triggeredBy(command.amount().minor()).orElse(customer.behaviour());
        payment.behaviour = behaviour;
        switch (behaviour) {
            case DECLINE:
                payment.declined(customer.declineCode(), "declined by the simulated customer");
                break;
            case SERVER_ERROR:
                // the wire only ever shows HTTP 500 for it; nothing is charged
                payment.declined("PROCESS_FAIL", "simulated server error");
                break;
            case IN_PROCESS:
                payment.paymentId = nextPaymentId(now);
                payment.status = Status.PENDING;
                payment.settleAt = now.plus(customer.settleAfter());
                pendingPayments.add(payment);
                if (command.notifyUrl() != null) {
                    // the gateway hears the late outcome without having to ask for it
                    notifications.add(new PlannedNotification(payment.paymentRequestId, command.notifyUrl(),
                            payment.settleAt, NotificationStyle.SIGNED));
                }
                break;
            default:
                // SUCCESS, and the transport behaviours that charge but answer badly or not at all
                charge(payment, customer, now);
                break;
        }
        return payReply(payment);
    }

    /**
     * A customer's scan of a code the gateway accepted with {@code order}: one payment per paymentRequestId,
     * whatever number of scans. Plans the notifyPayment the behaviour calls for.
     */
    synchronized ScanDecision scan(String customerId, GatewayOrder order) {
        Instant now = settleDue();
        PaymentEntry existing = payments.get(order.paymentRequestId());
        if (existing != null) {
            if (existing.isCancelPlaceholder()) {
                return ScanDecision.refused("ORDER_IS_CLOSED", "the gateway cancelled this payment before it was paid");
            }
            if (!existing.scanned || !existing.customerId.equals(customerId) || !existing.amount.equals(order.amount())) {
                return ScanDecision.refused("REPEAT_REQ_INCONSISTENT",
                        "the wallet already holds a different payment under this paymentRequestId");
            }
            return new ScanDecision(existing.snapshot(), null, true, null, null);
        }
        Customer customer = customerOrCreate(customerId);
        PaymentEntry payment = new PaymentEntry(order.paymentRequestId(), now);
        payment.scanned = true;
        payment.amount = order.amount();
        payment.customerId = customerId;
        // the wallet made a payment, whatever becomes of it, so even a declined one has the wallet's id
        payment.paymentId = nextPaymentId(now);
        payments.put(payment.paymentRequestId, payment);

        Behaviour behaviour = Behaviour.triggeredBy(order.amount().minor()).orElse(customer.behaviour());
        payment.behaviour = behaviour;
        Instant notifyAt = now.plus(customer.scanNotifyDelay());
        switch (behaviour) {
            case DECLINE:
                payment.declined(customer.declineCode(), "declined by the simulated customer");
                break;
            case IN_PROCESS:
                payment.status = Status.PENDING;
                payment.settleAt = now.plus(customer.settleAfter());
                pendingPayments.add(payment);
                notifyAt = payment.settleAt;
                break;
            default:
                // SUCCESS, DUPLICATE_NOTIFY, the badly delivered notifications and the lost ones all charge
                charge(payment, customer, now);
                break;
        }
        PlannedNotification planned = null;
        Optional<NotificationStyle> style = NotificationStyle.forScan(behaviour);
        if (style.isPresent()) {
            planned = new PlannedNotification(order.paymentRequestId(), order.notifyUrl(), notifyAt, style.get());
            notifications.add(planned);
        }
        return new ScanDecision(payment.snapshot(), planned, false, null, null);
    }

    /** The notifyPayment for the payment as it stands now; settles what is due first. */
    synchronized NotificationContent notificationFor(String paymentRequestId) {
        settleDue();
        PaymentEntry payment = payments.get(paymentRequestId);
        if (payment == null || payment.isCancelPlaceholder()) {
            return NotificationContent.dropped();
        }
        if (payment.status == Status.PENDING) {
            return NotificationContent.waiting();
        }
        if (payment.status == Status.CANCELLED && payment.charges == 0) {
            // cancelled before it was charged: the gateway cancelled it and nothing happened to tell
            return NotificationContent.dropped();
        }
        Result result = payment.paymentResult();
        Map<String, Object> body = JsonObject.create()
                .put("paymentResult", result.toWire())
                .put("paymentRequestId", payment.paymentRequestId)
                .put("paymentId", payment.paymentId)
                .put("paymentTime", payment.status == Status.PAID ? AmsWire.time(payment.paymentTime) : null)
                .put("paymentAmount", AmsWire.amount(payment.amount))
                .put("payToAmount", AmsWire.amount(payment.amount))
                .put("customerId", payment.customerId)
                .build();
        return new NotificationContent(NotificationContent.Verdict.SEND, result, body);
    }

    synchronized WalletReply inquire(String paymentRequestId) {
        settleDue();
        PaymentEntry payment = payments.get(paymentRequestId);
        if (payment == null) {
            return WalletReply.failure("ORDER_NOT_EXIST", "no payment with this paymentRequestId");
        }
        Map<String, Object> body = JsonObject.create()
                .put("result", Result.success().toWire())
                .put("paymentResult", payment.paymentResult().toWire())
                .put("paymentRequestId", payment.paymentRequestId)
                .put("paymentId", payment.paymentId)
                .put("paymentTime", AmsWire.time(payment.paymentTime))
                .put("customerId", payment.customerId)
                .put("paymentAmount", payment.amount == null ? null : AmsWire.amount(payment.amount))
                .put("payToAmount", payment.amount == null ? null : AmsWire.amount(payment.amount))
                .build();
        // a scan's behaviour is about its notification: the gateway must be able to recover by asking
        return new WalletReply(body, payment.scanned ? Delivery.SIGNED : Delivery.of(payment.behaviour));
    }

    /** Always succeeds (Alipay+ requires the MPP to accept every cancel); the customer gets back what is still held. */
    synchronized WalletReply cancel(String paymentRequestId) {
        Instant now = settleDue();
        PaymentEntry payment = payments.get(paymentRequestId);
        if (payment == null) {
            // the cancel overtook the pay: remember it so the pay, when it arrives, is refused
            payment = new PaymentEntry(paymentRequestId, now);
            payments.put(paymentRequestId, payment);
        } else if (payment.status == Status.PAID) {
            long held = payment.amount.minor() - payment.committedRefundsMinor();
            if (held > 0) {
                customers.get(payment.customerId).credit(new Money(held, payment.amount.currency()));
            }
        } else if (payment.status == Status.PENDING) {
            pendingPayments.remove(payment);
        }
        if (payment.status != Status.CANCELLED) {
            payment.status = Status.CANCELLED;
            payment.cancelledAt = now;
        }
        return new WalletReply(JsonObject.create()
                .put("result", Result.success().toWire())
                .put("paymentRequestId", paymentRequestId)
                .put("cancelTime", AmsWire.time(payment.cancelledAt))
                .build(), Delivery.SIGNED);
    }

    synchronized WalletReply refund(RefundCommand command) {
        Instant now = settleDue();
        RefundEntry existing = refunds.get(command.refundRequestId());
        if (existing != null) {
            if (!existing.paymentRequestId.equals(command.paymentRequestId()) || !existing.amount.equals(command.amount())) {
                return WalletReply.failure("REPEAT_REQ_INCONSISTENT", "refundRequestId already used for a different refund");
            }
            return refundReply(existing);
        }
        PaymentEntry payment = payments.get(command.paymentRequestId());
        if (payment == null || payment.isCancelPlaceholder()) {
            return WalletReply.failure("ORDER_NOT_EXIST", "no payment with this paymentRequestId");
        }
        if (payment.status != Status.PAID) {
            return WalletReply.failure("ORDER_STATUS_INVALID", "only a paid payment can be refunded; it is " + payment.status);
        }
        if (!command.amount().sameCurrency(payment.amount)) {
            return WalletReply.failure("PARAM_ILLEGAL", "refundAmount must be in the payment's currency " + payment.amount.currencyCode());
        }
        RefundEntry refund = new RefundEntry(command.refundRequestId(), command.paymentRequestId(), command.amount(), now);
        boolean exceeds = payment.committedRefundsMinor() + command.amount().minor() > payment.amount.minor();
        refunds.put(refund.refundRequestId, refund);
        payment.refunds.add(refund);
        if (exceeds) {
            refund.failed("REFUND_AMOUNT_EXCEED", "refunds would exceed the payment amount");
            return refundReply(refund);
        }
        Customer customer = customers.get(payment.customerId);
        switch (customer.refundBehaviour()) {
            case REFUND_DECLINE:
                refund.failed("PROCESS_FAIL", "refund declined by the simulated wallet");
                break;
            case REFUND_IN_PROCESS:
                refund.refundId = nextRefundId(now);
                refund.status = SimulatedRefund.Status.PENDING;
                refund.settleAt = now.plus(customer.settleAfter());
                pendingRefunds.add(refund);
                break;
            case REFUND_NO_ANSWER:
                refund.unanswered = true;
                completeRefund(refund, customer, now);
                break;
            default:
                completeRefund(refund, customer, now);
                break;
        }
        return refundReply(refund);
    }

    // ---- the settlement file

    /** What the wallet's settlement file says happened in [from, until): its books, as tweaked by tests. */
    synchronized List<SettlementRecord> settlementRecords(Instant from, Instant until) {
        settleDue();
        List<SettlementRecord> records = new ArrayList<>();
        for (PaymentEntry p : payments.values()) {
            if (p.charges == 0 || p.amount == null) {
                continue;
            }
            String currency = p.amount.currencyCode();
            records.add(new SettlementRecord("PAYMENT", p.paymentRequestId, null, p.paymentId, p.amount.minor(), currency,
                    p.paymentTime));
            if (p.status == Status.CANCELLED && p.cancelledAt != null) {
                // a cancel gives back what refunds had not
                records.add(new SettlementRecord("CANCEL", p.paymentRequestId, null, p.paymentId,
                        p.amount.minor() - p.refundedMinor(), currency, p.cancelledAt));
            }
            for (RefundEntry r : p.refunds) {
                if (r.status == SimulatedRefund.Status.SUCCESS) {
                    records.add(new SettlementRecord("REFUND", p.paymentRequestId, r.refundRequestId, r.refundId,
                            r.amount.minor(), r.amount.currencyCode(), r.refundTime));
                }
            }
        }
        return settlementTweaks.apply(records).stream()
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(until))
                .toList();
    }

    synchronized void dropSettlementRecord(String transactionType, String id) {
        settlementTweaks.drop(SettlementRecord.key(transactionType, id));
    }

    synchronized void alterSettlementRecord(String transactionType, String id, Long minor, String currency) {
        settlementTweaks.alter(SettlementRecord.key(transactionType, id), minor, currency);
    }

    synchronized void addSettlementRecord(SettlementRecord record) {
        settlementTweaks.add(record);
    }

    synchronized void clearSettlementTweaks() {
        settlementTweaks.clear();
    }

    // ---- rules

    private WalletReply repeatPay(PaymentEntry payment, PayCommand command) {
        if (payment.isCancelPlaceholder()) {
            return WalletReply.failure("ORDER_IS_CLOSED", "the payment was cancelled before it arrived");
        }
        // a scanned payment has no payment code, so no pay can repeat it
        if (!payment.amount.equals(command.amount()) || !command.paymentCode().equals(payment.paymentCode)) {
            return WalletReply.failure("REPEAT_REQ_INCONSISTENT", "paymentRequestId already used for a different pay");
        }
        // the same pay again: report where it stands, never charge again
        return payReply(payment);
    }

    private void charge(PaymentEntry payment, Customer customer, Instant at) {
        if (!customer.canPay(payment.amount)) {
            payment.declined("USER_BALANCE_NOT_ENOUGH", "the customer's balance is not enough");
            return;
        }
        customer.debit(payment.amount);
        payment.charges++;
        totalCharges++;
        if (payment.paymentId == null) {
            payment.paymentId = nextPaymentId(at);
        }
        payment.status = Status.PAID;
        payment.paymentTime = at;
    }

    private void completeRefund(RefundEntry refund, Customer customer, Instant at) {
        customer.credit(refund.amount);
        if (refund.refundId == null) {
            refund.refundId = nextRefundId(at);
        }
        refund.status = SimulatedRefund.Status.SUCCESS;
        refund.refundTime = at;
    }

    private WalletReply payReply(PaymentEntry payment) {
        boolean accepted = payment.status == Status.PAID || payment.status == Status.PENDING;
        JsonObject body = JsonObject.create().put("result", payment.paymentResult().toWire());
        if (accepted) {
            body.put("paymentId", payment.paymentId)
                    .put("paymentTime", AmsWire.time(payment.paymentTime))
                    .put("customerId", payment.customerId)
                    .put("paymentAmount", AmsWire.amount(payment.amount))
                    .put("payToAmount", AmsWire.amount(payment.amount));
        }
        return new WalletReply(body.build(), Delivery.of(payment.behaviour));
    }

    private WalletReply refundReply(RefundEntry refund) {
        JsonObject body = JsonObject.create().put("result", refund.result().toWire());
        if (refund.status != SimulatedRefund.Status.FAILED) {
            body.put("refundRequestId", refund.refundRequestId)
                    .put("refundId", refund.refundId)
                    .put("refundTime", AmsWire.time(refund.refundTime))
                    .put("refundAmount", AmsWire.amount(refund.amount));
        }
        return new WalletReply(body.build(), refund.unanswered ? Delivery.NO_ANSWER : Delivery.SIGNED);
    }

    /** Settles whatever was in process and is due by the clock; returns the clock's now. */
    private Instant settleDue() {
        Instant now = clock.instant();
        for (Iterator<PaymentEntry> it = pendingPayments.iterator(); it.hasNext(); ) {
            PaymentEntry payment = it.next();
            if (!now.isBefore(payment.settleAt)) {
                it.remove();
                charge(payment, customers.get(payment.customerId), payment.settleAt);
            }
        }
        for (Iterator<RefundEntry> it = pendingRefunds.iterator(); it.hasNext(); ) {
            RefundEntry refund = it.next();
            if (!now.isBefore(refund.settleAt)) {
                it.remove();
                PaymentEntry payment = payments.get(refund.paymentRequestId);
                completeRefund(refund, customers.get(payment.customerId), refund.settleAt);
            }
        }
        return now;
    }

    private Customer customerOrCreate(String customerId) {
        return customers.computeIfAbsent(customerId, Customer::new);
    }

    private String nextPaymentId(Instant at) {
        return String.format("%s11%08d", ID_DATE.format(at), ++paymentSequence);
    }

    private String nextRefundId(Instant at) {
        return String.format("%s12%08d", ID_DATE.format(at), ++refundSequence);
    }
}
