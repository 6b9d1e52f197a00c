package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.observe.Metrics;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.wallet.WalletCall;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.wallet.WalletClient.WalletTimeouts;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.outbound.OutboundHttp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gateway's own wallet client (scanpay-core) against the simulator: the two must agree on the wire. */
@Tag("integration")
class CoreWalletClientTest extends SimulatorTestSupport {

    private Wallet wallet;
    private WalletClient client;

    @BeforeEach
    void client() {
        wallet = new Wallet(simulator.walletId(), simulator.pspName(), simulator.endpoint(), simulator.publicKey(),
                simulator.keyVersion(), simulator.codePrefixes());
        WalletCall call = new WalletCall(new OutboundHttp(new DestinationRules(true, false), 65536, Duration.ofSeconds(2)),
                Json.standalone(), gateway.signer, clock, Metrics.NONE);
        Duration wait = Duration.ofSeconds(5);
        client = new WalletClient(call, new WalletTimeouts(wait, wait, wait), TestGateway.CLIENT_ID, "http://127.0.0.1:1/notify", Metrics.NONE);
    }

    private Payment payment(String id, long minor) {
        return Payment.builder()
                .paymentId(id)
                .clientId("MERCHANT")
                .paymentRequestId("M-" + id)
                .scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(minor, "USD"))
                .status(PaymentStatus.PROCESSING)
                .walletId(simulator.walletId())
                .createdAt(clock.instant())
                .deadlineAt(clock.instant().plusSeconds(120))
                .build();
    }

    @Test
    void payInquireAndCancelAreUnderstoodByTheGateway() {
        String code = simulator.issuePaymentCode("alice");
        Payment payment = payment("P-1", 1234);

        WalletOutcome paid = client.pay(wallet, payment, code);
        assertThat(paid).isInstanceOf(WalletOutcome.Paid.class);
        WalletOutcome.Paid p = (WalletOutcome.Paid) paid;
        assertThat(p.customerId()).isEqualTo("alice");
        assertThat(p.paymentTime()).isEqualTo(clock.instant());
        assertThat(p.walletPaymentId()).isEqualTo(simulator.payment("P-1").get().paymentId());

        assertThat(client.inquire(wallet, payment)).isInstanceOf(WalletOutcome.Paid.class);
        assertThat(client.cancel(wallet, payment)).isInstanceOf(WalletOutcome.Cancelled.class);
        assertThat(client.inquire(wallet, payment)).isEqualTo(new WalletOutcome.Declined("ORDER_IS_CLOSED", "the payment was cancelled"));
        assertThat(client.inquire(wallet, payment("P-unknown", 1))).isInstanceOf(WalletOutcome.NotFound.class);
    }

    @Test
    void declinesAndInProcessAreSeenAsSuch() {
        assertThat(client.pay(wallet, payment("P-D", 9905), simulator.issuePaymentCode("bob")))
                .isEqualTo(new WalletOutcome.Declined("RISK_REJECT", "declined by the simulated customer"));
        Payment pending = payment("P-U", 9901);
        assertThat(client.pay(wallet, pending, simulator.issuePaymentCode("bob"))).isInstanceOf(WalletOutcome.Pending.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.inquire(wallet, pending)).isInstanceOf(WalletOutcome.Paid.class);
    }

    @Test
    void badlySignedUnsignedAndFailedAnswersAreUnknownNeverSuccess() {
        assertThat(client.pay(wallet, payment("P-BS", 9904), simulator.issuePaymentCode("cy")))
                .isInstanceOf(WalletOutcome.Unknown.class);
        assertThat(client.pay(wallet, payment("P-NS", 9906), simulator.issuePaymentCode("cy")))
                .isInstanceOf(WalletOutcome.Unknown.class);
        assertThat(client.pay(wallet, payment("P-500", 9903), simulator.issuePaymentCode("cy")))
                .isInstanceOf(WalletOutcome.Unknown.class);
        assertThat(client.pay(wallet, payment("P-NA", 9902), simulator.issuePaymentCode("cy")))
                .isInstanceOf(WalletOutcome.Unknown.class);
        assertThat(simulator.chargeCount("P-BS")).isEqualTo(1);
        assertThat(simulator.chargeCount("P-NS")).isEqualTo(1);
        assertThat(simulator.chargeCount("P-500")).isZero();
        assertThat(simulator.chargeCount("P-NA")).isEqualTo(1);
    }

    @Test
    void anAnswerSignedAtAnotherTimeIsNoAnswer() {
        // the gateway's clock ten minutes from the wallet's: every answer's Response-Time is stale, like a replay
        java.time.Clock ahead = java.time.Clock.offset(clock, Duration.ofMinutes(10));
        WalletCall call = new WalletCall(new OutboundHttp(new DestinationRules(true, false), 65536, Duration.ofSeconds(2)),
                Json.standalone(), gateway.signer, ahead, Metrics.NONE);
        Duration wait = Duration.ofSeconds(5);
        WalletClient skewed = new WalletClient(call, new WalletTimeouts(wait, wait, wait), TestGateway.CLIENT_ID,
                "http://127.0.0.1:1/notify", Metrics.NONE);

        assertThat(skewed.pay(wallet, payment("P-STALE", 1234), simulator.issuePaymentCode("alice")))
                .isInstanceOf(WalletOutcome.Unknown.class);
        assertThat(skewed.cancel(wallet, payment("P-STALE", 1234))).isInstanceOf(WalletOutcome.Unknown.class);
    }
}
