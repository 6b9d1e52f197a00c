package dev.scanpay.core.testing;

import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import java.time.Instant;

/** Payments as the merchant API makes them: a user-presented JPY 1000 payment being charged by a wallet. */
public final class TestPayments {

    public static final String CLIENT_ID = "SANDBOX_5YEXAMPLE0000124";
    public static final String WALLET_ID = "alipaycn-sim";

    private TestPayments() {
    }

    public static OrderDetails order() {
        return new OrderDetails("0000000001", "Cappuccino x2", "seller231117459", "Some_Mer", "7011",
                "store231117459", "Some_store", "7011", "T1");
    }

    /** PROCESSING at {@code now}, the wallet asked, not yet due. */
    public static Payment.Builder processing(String paymentId, Instant now) {
        return Payment.builder()
                .paymentId(paymentId)
                .clientId(CLIENT_ID)
                .paymentRequestId("PR-" + paymentId)
                .scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(1000, "JPY"))
                .status(PaymentStatus.PROCESSING)
                .order(order())
                .paymentCodeMask("2888**********8888")
                .notifyUrl("https://merchant.example/notify")
                .walletId(WALLET_ID)
                .createdAt(now)
                .updatedAt(now)
                .expiresAt(now.plusSeconds(120))
                .deadlineAt(now.plusSeconds(120));
    }
}
