package dev.scanpay.core.service.intake;

import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.service.followup.PaymentLifecycle;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What wallets tell the gateway (Alipay+ MPP → acquirer): userInitiatedPay resolves a scanned code into
 * the order to show the customer; notifyPayment reports the result of a charge. Both are idempotent, and
 * every rule about what a result does to a payment is {@link PaymentMachine}'s, so a callback, the
 * sweeper and a merchant's inquiry racing each other apply a result once.
 */
public final class WalletIntake {

    public static final String NOTIFY_PATH = "/aps/api/v1/payments/notifyPayment";
    public static final String USER_INITIATED_PAY_PATH = "/aps/api/v1/payments/userInitiatedPay";

    private static final Logger LOG = LoggerFactory.getLogger(WalletIntake.class);

    private final PaymentStore payments;
    private final CodeStore codes;
    private final PaymentLifecycle lifecycle;
    private final CodeUrls urls;
    private final String acquirerId;
    private final String notifyUrl;
    private final Clock clock;

    public WalletIntake(PaymentStore payments, CodeStore codes, PaymentLifecycle lifecycle, CodeUrls urls,
                        String acquirerId, String publicUrl, Clock clock) {
        this.payments = payments;
        this.codes = codes;
        this.lifecycle = lifecycle;
        this.urls = urls;
        this.acquirerId = acquirerId;
        this.notifyUrl = publicUrl + NOTIFY_PATH;
        this.clock = clock;
    }

    /**
     * The customer scanned a code in the wallet. The first customer to resolve an open order takes it;
     * the same customer asking again gets the same order; anyone else gets REPEAT_REQ_INCONSISTENT.
     */
    public Map<String, Object> userInitiatedPay(Wallet wallet, Fields body) {
        String codeValue = body.string("codeValue", 512);
        String customerId = body.string("customerId", 64);
        String token = urls.tokenOf(codeValue).orElseThrow(() -> new ProtocolException(ResultCode.INVALID_CODE,
                "not a code of this acquirer"));
        IssuedCode code = codes.find(token).orElseThrow(() -> new ProtocolException(ResultCode.INVALID_CODE, "unknown code"));
        if (code.kind() == CodeKind.ENTRY) {
            throw new ProtocolException(ResultCode.INVALID_CODE,
                    "an entry code is a page: open the code value in the wallet's browser (identifyCode OPEN_URL)");
        }
        Payment payment = payments.get(code.paymentId()).orElseThrow(() -> new ProtocolException(ResultCode.INVALID_CODE, "unknown code"));
        Instant now = clock.instant();
        Payment taken = lifecycle.apply(payment, p -> PaymentMachine.scanned(p, wallet.walletId(), wallet.pspName(), customerId, now));
        LOG.info("Payment {} resolved by wallet {} ({})", taken.paymentId(), wallet.walletId(), taken.scenario().wireName());
        return orderAnswer(taken, wallet);
    }

    private Map<String, Object> orderAnswer(Payment p, Wallet wallet) {
        JsonObject body = JsonObject.create()
                .put("result", Result.success().toWire())
                .put("acquirerId", acquirerId)
                .put("pspId", wallet.walletId())
                .put("codeType", "ORDER_CODE")
                .put("paymentRequestId", p.paymentId())
                .put("paymentAmount", AmsWire.amount(p.amount()))
                .put("payToAmount", AmsWire.amount(p.amount()))
                .put("paymentExpiryTime", p.expiresAt() == null ? null : AmsWire.time(p.expiresAt()))
                .put("paymentNotifyUrl", notifyUrl)
                .put("paymentRedirectUrl", p.scenario() != Scenario.ENTRY_CODE ? null
                        : p.redirectUrl() != null ? p.redirectUrl() : urls.codeValue(p.codeToken()))
                .put("paymentFactor", JsonObject.create()
                        .put("isInStorePayment", "true")
                        .put("inStorePaymentScenario", p.scenario().wireName()));
        body.put("order", AmsWire.order(p.order(), p.amount()));
        return body.build();
    }

    /**
     * The wallet's result for a payment of any scenario. Checked against the payment first (it must be this
     * wallet's, for the same amount and customer); applied once; a repeat or an older result arriving late
     * is acknowledged and changes nothing. A success for a payment already cancelled does not make it
     * SUCCESS: it is recorded and the follow-up tells the wallet to cancel.
     */
    public Map<String, Object> notifyPayment(Wallet wallet, Fields body) {
        Fields result = body.object("paymentResult");
        String status = result.string("resultStatus", 1);
        String resultCode = result.string("resultCode", 64);
        String resultMessage = result.optionalString("resultMessage", 256).orElse(null);
        if (!status.equals("S") && !status.equals("F")) {
            throw ProtocolException.paramIllegal("paymentResult.resultStatus", "must be S or F: a notification carries a final result");
        }
        String paymentRequestId = body.string("paymentRequestId", 64);
        Money amount = body.amount("paymentAmount");
        String customerId = body.optionalString("customerId", 64).orElse(null);
        String walletPaymentId = status.equals("S") ? body.string("paymentId", 64) : body.optionalString("paymentId", 64).orElse(null);
        Instant paymentTime = body.optionalTime("paymentTime").orElse(null);

        Payment payment = payments.get(paymentRequestId)
                .filter(p -> wallet.walletId().equals(p.walletId()))
                .orElseThrow(() -> new ProtocolException(ResultCode.ORDER_NOT_EXIST, "no payment " + paymentRequestId + " with this wallet"));
        if (!payment.amount().equals(amount)) {
            LOG.warn("Payment {}: wallet {} notified {} for a payment of {}; refused", payment.paymentId(), wallet.walletId(),
                    amount, payment.amount());
            throw ProtocolException.paramIllegal("paymentAmount", "does not match the payment's amount and currency");
        }
        if (customerId != null && payment.customer() != null && payment.customer().pspCustomerId() != null
                && !Objects.equals(customerId, payment.customer().pspCustomerId())) {
            throw ProtocolException.paramIllegal("customerId", "is not the customer who took this payment");
        }
        WalletOutcome outcome = status.equals("S")
                ? new WalletOutcome.Paid(walletPaymentId, paymentTime, customerId)
                : WalletClient.paymentOutcome(new Result(resultCode, ResultStatus.F, resultMessage), Map.of());
        Payment after = lifecycle.apply(payment,
                p -> PaymentMachine.walletAnswered(p, outcome, wallet.pspName(), clock.instant()));
        if (after.lateSuccessAt() != null && status.equals("S")) {
            LOG.warn("Payment {}: wallet {} reported success after the payment was {}; the wallet is told to cancel",
                    after.paymentId(), wallet.walletId(), after.status());
        }
        return JsonObject.create().put("result", Result.success().toWire()).build();
    }
}
