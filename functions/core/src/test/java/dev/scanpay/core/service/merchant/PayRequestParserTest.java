package dev.scanpay.core.service.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.protocol.ResultStatus;
import dev.scanpay.core.testing.AmsBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pay request of protocol §3.1, field by field: every refusal is PARAM_ILLEGAL naming the full path. */
class PayRequestParserTest {

    static PayRequest parse(AmsBodies body) {
        return PayRequestParser.parse(Fields.root(body.map()));
    }

    /** The way a request really arrives: bytes, through the gateway's JSON reader. */
    static PayRequest parseJson(String json) {
        return PayRequestParser.parse(Fields.root(Json.standalone().parseObject(json.getBytes(StandardCharsets.UTF_8))));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(AmsBodies body, String message) {
        return assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.PARAM_ILLEGAL);
                    assertThat(e.result().resultStatus()).isEqualTo(ResultStatus.F);
                })
                .hasMessage(message);
    }

    @Test
    void theProtocolsUpmExampleParses() {
        PayRequest request = parse(AmsBodies.upmPay());

        assertThat(request.paymentRequestId()).isEqualTo("PR20190528000000001");
        assertThat(request.scenario()).isEqualTo(Scenario.USER_PRESENTED);
        assertThat(request.amount()).isEqualTo(Money.of(1000, "JPY"));
        assertThat(request.paymentCode()).isEqualTo("288888888888888888");
        assertThat(request.order()).isEqualTo(new OrderDetails("0000000001", "Cappuccino x2", "seller231117459",
                "Some_Mer", "7011", "store231117459", "Some_store", "7011", "T1"));
        assertThat(request.notifyUrl()).isNull();
        assertThat(request.expiryTime()).isNull();
        assertThat(request.userAgent()).isNull();
    }

    @Test
    void optionalFieldsAreRead() {
        PayRequest request = parse(AmsBodies.upmPay()
                .with("paymentNotifyUrl", "https://merchant.example/alipay/notify")
                .with("paymentExpiryTime", "2020-06-11T13:45:02+08:00")
                .with("settlementStrategy", java.util.Map.of("settlementCurrency", "JPY"))
                .with("order.env.userAgent", "Mozilla/5.0 AlipayClient/10.5"));

        assertThat(request.notifyUrl()).isEqualTo("https://merchant.example/alipay/notify");
        assertThat(request.expiryTime()).isEqualTo(Instant.parse("2020-06-11T05:45:02Z"));
        assertThat(request.userAgent()).isEqualTo("Mozilla/5.0 AlipayClient/10.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "productCode",
            "paymentRequestId",
            "paymentFactor",
            "paymentFactor.inStorePaymentScenario",
            "paymentAmount",
            "paymentAmount.currency",
            "paymentAmount.value",
            "paymentMethod",
            "paymentMethod.paymentMethodType",
            "paymentMethod.paymentMethodId",
            "order",
            "order.orderAmount",
            "order.orderAmount.currency",
            "order.orderAmount.value",
            "order.orderDescription",
            "order.merchant",
            "order.merchant.referenceMerchantId",
            "order.merchant.merchantName",
            "order.merchant.merchantMCC",
            "order.merchant.store",
            "order.merchant.store.referenceStoreId",
            "order.merchant.store.storeName",
            "order.merchant.store.storeMCC"})
    void eachRequiredFieldMissingIsNamedByItsFullPath(String path) {
        assertRefused(AmsBodies.upmPay().without(path), path + " is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paymentRequestId", "order.merchant.store.storeMCC", "paymentAmount.value"})
    void explicitNullIsMissing(String path) {
        assertRefused(AmsBodies.upmPay().with(path, null), path + " is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paymentRequestId", "order.orderDescription", "order.merchant.store.storeName"})
    void emptyStringIsRefusedNotTakenAsMissing(String path) {
        // AMS: optional fields are omitted or null, never ""
        assertRefused(AmsBodies.upmPay().with(path, ""), path + " must not be empty");
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        PayRequest request = parse(AmsBodies.upmPay().without("order.referenceOrderId").without("order.env"));
        assertThat(request.order().referenceOrderId()).isNull();
        assertThat(request.order().terminalId()).isNull();
    }

    @Test
    void envMayAlsoComeAtTheTopLevel() {
        AmsBodies body = AmsBodies.upmPay().without("order.env")
                .with("env", java.util.Map.of("storeTerminalId", "T9"));
        assertThat(parse(body).order().terminalId()).isEqualTo("T9");
    }

    @Test
    void aStringFieldSentAsANumberIsRefused() {
        assertRefused(AmsBodies.upmPay().with("order.merchant.merchantMCC", 7011), "order.merchant.merchantMCC must be a string");
    }

    @Test
    void anObjectFieldSentAsAStringIsRefused() {
        assertRefused(AmsBodies.upmPay().with("order.merchant", "seller231117459"), "order.merchant must be an object");
    }

    @Test
    void amountValueAsAJsonNumberIsAccepted() {
        String json = new String(AmsBodies.upmPay().bytes(), StandardCharsets.UTF_8)
                .replace("\"paymentAmount\":{\"currency\":\"JPY\",\"value\":\"1000\"}",
                        "\"paymentAmount\":{\"currency\":\"JPY\",\"value\":1000}");
        assertThat(json).contains("\"value\":1000}");
        assertThat(parseJson(json).amount()).isEqualTo(Money.of(1000, "JPY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "-1", "", "1e3", "1,000", " 1000", "0x10", "1000000000000000000000"})
    void amountValueMustBeAWholeNumberOfMinorUnits(String value) {
        assertRefused(AmsBodies.upmPay().with("paymentAmount.value", value),
                "paymentAmount.value must be a whole number of minor units");
    }

    @Test
    void amountValueAsAFractionalJsonNumberIsRefused() {
        assertRefused(AmsBodies.upmPay().with("paymentAmount.value", 10.5),
                "paymentAmount.value must be a string of minor units");
    }

    @Test
    void theOrderAmountIsCheckedUnderItsOwnPath() {
        assertRefused(AmsBodies.upmPay().with("order.orderAmount.value", "10.5"),
                "order.orderAmount.value must be a whole number of minor units");
    }

    @Test
    void aZeroPaymentIsRefused() {
        assertRefused(AmsBodies.upmPay().with("paymentAmount.value", "0"), "paymentAmount.value must be greater than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEM", "FRF", "ZWD"})
    void aWithdrawnCurrencyIsNotSupported(String currency) {
        assertThatThrownBy(() -> parse(AmsBodies.upmPay().with("paymentAmount.currency", currency)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.CURRENCY_NOT_SUPPORT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "2899-1234-5678-9012", "28991234567890123456789012", "ORDER-0001-0001-0001", "２８９９１２３４５６７８９０１２"})
    void aPaymentCodeIsDigitsOfTheDocumentedLength(String code) {
        assertRefused(AmsBodies.upmPay().with("paymentMethod.paymentMethodId", code),
                "paymentMethod.paymentMethodId must be the customer's payment code: 16 to 24 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpy", "XXX", "QQQ"})
    void currencyMustBeAnIsoPaymentCurrency(String currency) {
        assertRefused(AmsBodies.upmPay().with("paymentAmount.currency", currency),
                "paymentAmount.currency is not an ISO 4217 payment currency");
    }

    @Test
    void currencyLongerThanThreeIsRefused() {
        assertRefused(AmsBodies.upmPay().with("paymentAmount.currency", "JPYY"),
                "paymentAmount.currency is longer than 3 characters");
    }

    @Test
    void unknownScenarioIsRefused() {
        assertRefused(AmsBodies.upmPay().with("paymentFactor.inStorePaymentScenario", "BarCode"),
                "paymentFactor.inStorePaymentScenario must be PaymentCode, OrderCode or EntryCode");
    }

    @Test
    void scenarioNamesAreCaseSensitive() {
        assertRefused(AmsBodies.upmPay().with("paymentFactor.inStorePaymentScenario", "paymentcode"),
                "paymentFactor.inStorePaymentScenario must be PaymentCode, OrderCode or EntryCode");
    }

    @Test
    void orderCodeNeedsNoPaymentCode() {
        PayRequest request = parse(AmsBodies.upmPay()
                .with("paymentFactor.inStorePaymentScenario", "OrderCode")
                .without("paymentMethod.paymentMethodId"));
        assertThat(request.scenario()).isEqualTo(Scenario.ORDER_CODE);
        assertThat(request.paymentCode()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASHIER_PAYMENT", "AGREEMENT_PAYMENT", "in_store_payment"})
    void productCodeMustBeInStorePayment(String productCode) {
        assertRefused(AmsBodies.upmPay().with("productCode", productCode), "productCode must be IN_STORE_PAYMENT");
    }

    @Test
    void orderAmountInAnotherCurrencyIsRefused() {
        assertRefused(AmsBodies.upmPay().with("order.orderAmount.currency", "USD"),
                "order.orderAmount.currency must be the paymentAmount's currency");
    }

    @Test
    void paymentRequestIdOfSixtyFiveCharactersIsRefused() {
        assertRefused(AmsBodies.upmPay().with("paymentRequestId", "P".repeat(65)),
                "paymentRequestId is longer than 64 characters");
    }

    @Test
    void paymentRequestIdOfSixtyFourCharactersIsAccepted() {
        assertThat(parse(AmsBodies.upmPay().with("paymentRequestId", "P".repeat(64))).paymentRequestId()).hasSize(64);
    }

    @Test
    void orderDescriptionOver256IsRefused() {
        assertRefused(AmsBodies.upmPay().with("order.orderDescription", "x".repeat(257)),
                "order.orderDescription is longer than 256 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://merchant.example/notify", "merchant.example/notify", "https://"})
    void notifyUrlMustBeHttp(String url) {
        assertRefused(AmsBodies.upmPay().with("paymentNotifyUrl", url), "paymentNotifyUrl must be an http or https URL");
    }

    @Test
    void expiryTimeMustCarryAnOffset() {
        assertRefused(AmsBodies.upmPay().with("paymentExpiryTime", "2020-06-11T13:45:02"),
                "paymentExpiryTime must be ISO 8601 with offset, e.g. 2026-01-01T12:00:00+08:00");
    }

    @Test
    void settlementInAnotherCurrencyIsNotOffered() {
        assertThatThrownBy(() -> parse(AmsBodies.upmPay().with("settlementStrategy", java.util.Map.of("settlementCurrency", "USD"))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ResultCode.CURRENCY_NOT_SUPPORT));
    }

    @Test
    void theFirstWrongFieldIsTheOneNamed() {
        assertRefused(AmsBodies.upmPay().without("productCode").without("order"), "productCode is required");
    }

    // --- idempotency hash: what must match on a repeat of the same paymentRequestId (protocol §6) ---

    static PayRequest request(Scenario scenario, Money amount, String code) {
        return new PayRequest("PR1", scenario, amount, code, null, null, null, null, null);
    }

    @Test
    void idempotencyHashIsEqualForEqualRequests() {
        assertThat(parse(AmsBodies.upmPay()).idempotencyHash()).isEqualTo(parse(AmsBodies.upmPay()).idempotencyHash());
        assertThat(request(Scenario.USER_PRESENTED, Money.of(1000, "JPY"), "288888888888888888").idempotencyHash())
                .isEqualTo(parse(AmsBodies.upmPay()).idempotencyHash())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void idempotencyHashIgnoresWhatNeedNotMatch() {
        // description, notify URL and the like may be re-sent differently without making the repeat inconsistent
        assertThat(parse(AmsBodies.upmPay().with("order.orderDescription", "Cappuccino x2 (retry)")
                .with("paymentNotifyUrl", "https://merchant.example/n")).idempotencyHash())
                .isEqualTo(parse(AmsBodies.upmPay()).idempotencyHash());
    }

    @Test
    void idempotencyHashDiffersWhenAmountCurrencyScenarioOrCodeDiffer() {
        String base = request(Scenario.USER_PRESENTED, Money.of(1000, "JPY"), "288888888888888888").idempotencyHash();

        assertThat(request(Scenario.USER_PRESENTED, Money.of(1001, "JPY"), "288888888888888888").idempotencyHash()).isNotEqualTo(base);
        assertThat(request(Scenario.USER_PRESENTED, Money.of(1000, "USD"), "288888888888888888").idempotencyHash()).isNotEqualTo(base);
        assertThat(request(Scenario.ORDER_CODE, Money.of(1000, "JPY"), "288888888888888888").idempotencyHash()).isNotEqualTo(base);
        assertThat(request(Scenario.USER_PRESENTED, Money.of(1000, "JPY"), "288888888888888889").idempotencyHash()).isNotEqualTo(base);
        assertThat(request(Scenario.USER_PRESENTED, Money.of(1000, "JPY"), null).idempotencyHash()).isNotEqualTo(base);
    }

    @Test
    void idempotencyHashDoesNotContainTheCode() {
        assertThat(parse(AmsBodies.upmPay()).idempotencyHash()).doesNotContain("288888888888888888");
    }

    @Test
    void toStringNeverContainsThePaymentCode() {
        PayRequest request = parse(AmsBodies.upmPay().with("paymentMethod.paymentMethodId", "281006020000000000125733"));
        assertThat(request.toString())
                .doesNotContain("281006020000000000125733")
                .doesNotContain("125733")
                .contains("PR20190528000000001");
    }
}
