package dev.scanpay.simulator;

import dev.scanpay.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer's side of an order or entry code: ask the gateway what the code is for (userInitiatedPay),
 * then let the ledger pay it as the customer's behaviour says, and send the notification at once when it
 * is due at once. Codes are never logged: they may be live payment codes.
 */
final class OrderScanner {

    static final String NO_GATEWAY_ANSWER = "NO_GATEWAY_ANSWER";

    private static final Logger LOG = LoggerFactory.getLogger(OrderScanner.class);

    private final GatewayCall gateway;
    private final WalletLedger ledger;
    private final PaymentNotifier notifier;

    OrderScanner(GatewayCall gateway, WalletLedger ledger, PaymentNotifier notifier) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.notifier = notifier;
    }

    /** The gateway's answer to userInitiatedPay: the order, or why there is none. */
    record Lookup(GatewayOrder order, String resultCode, String resultMessage) {
        static Lookup refused(String code, String message) {
            return new Lookup(null, code, message);
        }
    }

    /**
     * Asks the gateway what the code is for, on behalf of the customer; changes nothing at the wallet.
     *
     * @throws IllegalStateException when no gateway is connected
     */
    Lookup lookUp(String customerId, String codeValue) {
        URI target = gateway.userInitiatedPayUri()
                .orElseThrow(() -> new IllegalStateException("no gateway connected: call connectGateway(url) first"));
        Map<String, Object> body = JsonObject.create().put("codeValue", codeValue).put("customerId", customerId).build();
        GatewayReply reply = gateway.post(target, body, GatewayCall.Signing.SIGNED);
        if (reply instanceof GatewayReply.NoAnswer none) {
            LOG.info("userInitiatedPay for customer {}: no verified answer, {}", customerId, none.reason());
            return Lookup.refused(NO_GATEWAY_ANSWER, none.reason());
        }
        GatewayReply.Verified answer = (GatewayReply.Verified) reply;
        if (!answer.result().isSuccess()) {
            LOG.info("userInitiatedPay for customer {}: {} {}", customerId, answer.result().resultStatus(),
                    answer.result().resultCode());
            return Lookup.refused(answer.result().resultCode(), answer.result().resultMessage());
        }
        try {
            GatewayOrder order = GatewayOrder.from(answer.body());
            LOG.info("userInitiatedPay for customer {}: S, payment {} of {}", customerId, order.paymentRequestId(),
                    order.amount());
            return new Lookup(order, answer.result().resultCode(), answer.result().resultMessage());
        } catch (IllegalArgumentException e) {
            LOG.info("userInitiatedPay for customer {}: unusable S answer, {}", customerId, e.getMessage());
            return Lookup.refused(NO_GATEWAY_ANSWER, "the gateway's S answer is unusable: " + e.getMessage());
        }
    }

    /** @throws IllegalStateException when no gateway is connected */
    ScanResult scan(String customerId, String codeValue) {
        Lookup lookup = lookUp(customerId, codeValue);
        if (lookup.order() == null) {
            return ScanResult.refused(lookup.resultCode(), lookup.resultMessage());
        }
        GatewayOrder order = lookup.order();
        ScanDecision decision = ledger.scan(customerId, order);
        if (decision.refusalCode() != null) {
            LOG.info("scan of payment {} by customer {}: refused, {}", order.paymentRequestId(), customerId,
                    decision.refusalCode());
            return ScanResult.refused(decision.refusalCode(), decision.refusalMessage());
        }
        String notification = describe(decision);
        LOG.info("scan of payment {} by customer {}: {}{}, notification {}", order.paymentRequestId(), customerId,
                decision.payment().status(), decision.repeat() ? " (repeat)" : "", notification);
        // a notification due now goes out before the scan returns, so callers see it sent
        notifier.deliverDue();
        // sending may have settled it (an in-process payment with no delay), so report where it stands now
        SimulatedPayment payment = ledger.payment(order.paymentRequestId()).orElse(decision.payment());
        return new ScanResult(true, lookup.resultCode(), lookup.resultMessage(), order.paymentRequestId(),
                payment.paymentId(), payment.status(), order.amount(), order.shownMerchantName(), order.storeName(),
                order.expiryTime(), redirectUrl(order).orElse(null), notification, decision.repeat());
    }

    /** A redirect the browser can follow: absolute http(s), or a path on the gateway. */
    private Optional<String> redirectUrl(GatewayOrder order) {
        return order.redirectUrl() == null ? Optional.empty()
                : gateway.resolve(order.redirectUrl(), null).map(URI::toString);
    }

    private static String describe(ScanDecision decision) {
        PlannedNotification planned = decision.notification();
        if (planned == null) {
            return "NONE";
        }
        SimulatedPayment payment = decision.payment();
        String what = payment.status() == SimulatedPayment.Status.DECLINED
                ? "FAIL " + payment.resultCode() + (planned.style() == NotificationStyle.SIGNED ? "" : " " + planned.style().label())
                : planned.style().label();
        Duration wait = Duration.between(payment.createdAt(), planned.dueAt());
        return what + (wait.isZero() || wait.isNegative() ? " now" : " after " + wait);
    }
}
