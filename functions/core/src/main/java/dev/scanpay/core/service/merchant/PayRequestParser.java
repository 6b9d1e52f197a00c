package dev.scanpay.core.service.merchant;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.PaymentCodes;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import java.time.Instant;

/** Validates an AMS pay body into a {@link PayRequest}, naming the first field that is wrong. */
public final class PayRequestParser {

    private PayRequestParser() {
    }

    public static PayRequest parse(Fields body) {
        String productCode = body.string("productCode", 32);
        if (!"IN_STORE_PAYMENT".equals(productCode)) {
            throw ProtocolException.paramIllegal("productCode", "must be IN_STORE_PAYMENT");
        }
        String paymentRequestId = body.string("paymentRequestId", 64);
        String scenarioName = body.object("paymentFactor").string("inStorePaymentScenario", 32);
        Scenario scenario = Scenario.fromWire(scenarioName).orElseThrow(() -> ProtocolException.paramIllegal(
                "paymentFactor.inStorePaymentScenario", "must be PaymentCode, OrderCode or EntryCode"));
        Money amount = body.amount("paymentAmount");
        if (amount.isZero()) {
            throw ProtocolException.paramIllegal("paymentAmount.value", "must be greater than zero");
        }
        Fields method = body.object("paymentMethod");
        method.string("paymentMethodType", 64);
        String paymentCode = null;
        if (scenario == Scenario.USER_PRESENTED) {
            paymentCode = method.string("paymentMethodId", 64);
            if (!PaymentCodes.isWellFormed(paymentCode)) {
                // a scanner misread or a pasted order id: say so before routing (never echo the value)
                throw ProtocolException.paramIllegal(method.path("paymentMethodId"),
                        "must be the customer's payment code: " + PaymentCodes.FORMAT);
            }
        }
        Fields order = body.object("order");
        Money orderAmount = order.amount("orderAmount");
        if (!orderAmount.sameCurrency(amount)) {
            throw ProtocolException.paramIllegal("order.orderAmount.currency", "must be the paymentAmount's currency");
        }
        String description = order.string("orderDescription", 256);
        String referenceOrderId = order.optionalString("referenceOrderId", 64).orElse(null);
        Fields merchant = order.object("merchant");
        String merchantId = merchant.string("referenceMerchantId", 64);
        String merchantName = merchant.string("merchantName", 256);
        String merchantMcc = merchant.string("merchantMCC", 32);
        Fields store = merchant.object("store");
        String storeId = store.string("referenceStoreId", 64);
        String storeName = store.string("storeName", 256);
        String storeMcc = store.string("storeMCC", 32);
        Fields env = order.optionalObject("env").or(() -> body.optionalObject("env")).orElse(null);
        String terminalId = env == null ? null : env.optionalString("storeTerminalId", 64).orElse(null);
        String userAgent = env == null ? null : env.optionalString("userAgent", 1024).orElse(null);
        String notifyUrl = body.optionalHttpUrl("paymentNotifyUrl", 2048).orElse(null);
        String redirectUrl = body.optionalHttpUrl("paymentRedirectUrl", 2048).orElse(null);
        if (scenario == Scenario.ENTRY_CODE && userAgent == null) {
            throw ProtocolException.paramIllegal("order.env.userAgent",
                    "is required for EntryCode: the User-Agent of the wallet's browser that opened the store's page");
        }
        Instant expiry = body.optionalTime("paymentExpiryTime").orElse(null);
        body.optionalObject("settlementStrategy").ifPresent(s -> s.optionalString("settlementCurrency", 3)
                .filter(c -> !c.equals(amount.currencyCode()))
                .ifPresent(c -> {
                    throw new ProtocolException(ResultCode.CURRENCY_NOT_SUPPORT,
                            "settlement in " + c + " is not offered; settle in the payment currency");
                }));
        OrderDetails details = new OrderDetails(referenceOrderId, description, merchantId, merchantName, merchantMcc,
                storeId, storeName, storeMcc, terminalId);
        return new PayRequest(paymentRequestId, scenario, amount, paymentCode, details, notifyUrl, expiry, userAgent, redirectUrl);
    }
}
