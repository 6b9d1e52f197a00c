package dev.scanpay.walletapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.SignedWallet;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A payment started from a store's public entry-code page holds a place under the store's cap; every function
 * that can move it out of CREATED or PROCESSING gives that place back in the same transaction, which updates
 * the store's {@code ENTRY#} key. Each such function's IAM policy must allow that update, or in AWS the whole
 * transaction is refused: the payment can never be paid, cancelled or closed, and its place is never freed.
 * Each case checks the calls its function sent against that function's policy (the same check the harness
 * makes on close), through the real handlers and the sweeper.
 */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreSlotReleaseTest {

    @Parameter
    Adapter adapter;

    private static final Money AMOUNT = Money.of(1200, "JPY");

    private GatewayHarness gateway;
    private SignedMerchant merchant;
    private SignedWallet wallet;
    private PaymentStore payments;
    private CodePayments codePayments;
    private String slot;
    private String storeId;
    private int tests;

    // one harness for the class (per adapter); each test has its own store, so the places it counts are its own
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
        merchant = gateway.merchant("MERCHANT_EC");
        wallet = gateway.walletCaller();
        // set up as the codes function sets it up (the test's own client: not a call of any function)
        payments = new PaymentStore(gateway.dynamoClient, gateway.table);
        codePayments = new CodePayments(payments, new CodeStore(gateway.dynamoClient, gateway.table),
                new CodeUrls(gateway.publicUrl()), gateway.clock);
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() {
        storeId = "S-" + ++tests;
        EntryCode code = new EntryCode(CodeTokens.next(), "MERCHANT_EC", "M-1", "Ramen Ichiban KK", "5812", "Ramen Ichiban",
                storeId, "Shibuya", "5812", "Shibuya", Currency.getInstance("JPY"), null, gateway.now());
        new EntryCodeStore(gateway.dynamoClient, gateway.table).register(code, new CodeUrls(gateway.publicUrl()).codeValue(code.token()));
        slot = EntryCodeStore.slotOf(code);
    }

    /** A submit of the store's page, as EntryCodes.startPayment makes it: one place taken. */
    private Payment pagePayment() {
        String requestId = "EC-" + UUID.randomUUID().toString().replace("-", "");
        var spec = new CodePayments.NewCodePayment("MERCHANT_EC", requestId, Scenario.ENTRY_CODE, AMOUNT,
                new EntryCode(CodeTokens.next(), "MERCHANT_EC", "M-1", "Ramen Ichiban KK", "5812", "Ramen Ichiban", storeId,
                        "Shibuya", "5812", "Shibuya", Currency.getInstance("JPY"), null, gateway.now()).order(requestId),
                null, null, gateway.wallet.walletId(), gateway.now().plus(Duration.ofMinutes(5)));
        Payment created = ((PaymentStore.Created) codePayments.create(spec, "hash-" + requestId, slot,
                new PaymentStore.SlotCap(20))).payment();
        assertThat(payments.openPaymentsOf(slot)).isEqualTo(1);
        return created;
    }

    @Test
    void theWalletApiPayingAPagePaymentGivesItsPlaceBackWithinItsPolicy() {
        Payment p = pagePayment();
        assertThat(wallet.userInitiatedPay(new CodeUrls(gateway.publicUrl()).codeValue(p.codeToken()), "alice").resultCode())
                .isEqualTo("SUCCESS");

        assertThat(wallet.notifySuccess(p.paymentId(), AMOUNT, "alice").resultStatus()).isEqualTo("S");

        assertThat(gateway.payment(p.paymentId()).status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(payments.openPaymentsOf(slot)).isZero();
        gateway.dynamoCalls.assertWithinPolicies();
    }

    @Test
    void theWalletApiClosingAnUntakenPagePaymentGivesItsPlaceBackWithinItsPolicy() {
        Payment p = pagePayment();

        assertThat(wallet.notifySuccess(p.paymentId(), AMOUNT, "alice").resultStatus()).isEqualTo("S");

        assertThat(gateway.payment(p.paymentId()).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payments.openPaymentsOf(slot)).isZero();
        gateway.dynamoCalls.assertWithinPolicies();
    }

    @Test
    void theMerchantApiCancellingAPagePaymentGivesItsPlaceBackWithinItsPolicy() {
        Payment p = pagePayment();

        assertThat(merchant.call("cancel", Map.of("paymentId", p.paymentId())).resultStatus()).isEqualTo("S");

        assertThat(gateway.payment(p.paymentId()).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payments.openPaymentsOf(slot)).isZero();
        gateway.dynamoCalls.assertWithinPolicies();
    }

    @Test
    void theSweeperClosingAPagePaymentAtExpiryGivesItsPlaceBackWithinItsPolicy() {
        Payment p = pagePayment();
        gateway.clock.advance(Duration.ofMinutes(6));

        gateway.sweep();

        assertThat(gateway.payment(p.paymentId()).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payments.openPaymentsOf(slot)).isZero();
        gateway.dynamoCalls.assertWithinPolicies();
    }
}
