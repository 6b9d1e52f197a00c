package dev.scanpay.sweeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.scanpay.core.service.followup.Sweeper;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.model.payment.CancelState;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.service.wallet.WalletClient;
import dev.scanpay.core.service.directory.WalletDirectory;
import dev.scanpay.core.model.wallet.WalletOutcome;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.simulator.Behaviour;
import dev.scanpay.simulator.CustomerSettings;
import dev.scanpay.simulator.SimulatorConfig;
import dev.scanpay.simulator.WalletSimulator;
import dev.scanpay.testing.MutableClock;
import dev.scanpay.testkit.DynamoCalls;
import io.micronaut.context.ApplicationContext;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.notification.NotificationStatus;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.testing.TestLambdaContext;
import dev.scanpay.testkit.JsonLogLines;
import dev.scanpay.testkit.MerchantReceiver;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real handler class fed EventBridge scheduled events, with DynamoDB Local and the simulator on loopback. */
@Tag("e2e")
class StatusSweeperHandlerTest {

    private static final MutableClock CLOCK = MutableClock.startingAt("2026-11-23T02:00:00Z");
    private static final KeyPair GATEWAY_KEYS = RsaKeys.generate();
    private static EmbeddedDynamo dynamo;
    private static DynamoDbClient db;
    private static WalletSimulator wallet;
    private static ApplicationContext context;
    /** The function's DynamoDB client: every call recorded, and checked against its policy at the end. */
    private static DynamoCalls dynamoCalls;
    private static StatusSweeperHandler handler;

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        db = dynamo.client();
        ScanpayTable.ensure(db, "scanpay");
        KeyPair gatewayKeys = GATEWAY_KEYS;
        wallet = WalletSimulator.start(SimulatorConfig.builder().clock(CLOCK).hangDuration(Duration.ofSeconds(1)).build());
        wallet.trustGateway("SCANPAY", gatewayKeys.getPublic());
        new WalletStore(db, "scanpay").put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                wallet.publicKey(), wallet.keyVersion(), wallet.codePrefixes()));
        dynamoCalls = DynamoCalls.recording(dynamo.client());
        context = ApplicationContext.builder()
                .properties(Map.of("scanpay.outbound.allow-loopback", true, "scanpay.outbound.require-https", false))
                .properties(Map.of(
                        "scanpay.table", "scanpay",
                        "scanpay.dynamodb.endpoint", dynamo.endpoint(),
                        "scanpay.gateway.key.private-key", RsaKeys.encode(gatewayKeys.getPrivate()),
                        "scanpay.wallet.timeout.inquiry", "700ms",
                        "scanpay.wallet.timeout.cancel", "700ms",
                        // a run waits for what comes due within its budget; keep that short here
                        "scanpay.sweeper.budget", "3s"))
                // the run's wait moves the test's clock instead of sleeping, as real time would move it
                .singletons(CLOCK, dynamoCalls.client(), (Sweeper.Pause) CLOCK::advance)
                .start();
        handler = new StatusSweeperHandler(context);
    }

    @AfterAll
    static void stop() {
        handler.close();
        wallet.close();
        db.close();
        dynamo.close();
        dynamoCalls.reportAndAssertWithinPolicies();
    }

    @Test
    void resolvesCancelsAndRetriesWhatIsDueAndLeavesTheRestAlone() {
        PaymentStore payments = context.getBean(PaymentStore.class);
        // settled at the wallet, but its answer was lost: the sweep's inquiry finds SUCCESS
        Payment settled = processing("sweep-paid", 990);
        walletCharges(settled);
        // never settled at the wallet and past its deadline: the sweep cancels it
        Payment stale = processing("sweep-stale", 1200);
        payments.replace(payments.get(stale.paymentId()).orElseThrow(),
                payments.get(stale.paymentId()).orElseThrow().toBuilder().deadlineAt(CLOCK.instant()).build());
        // not due yet
        Payment later = processing("sweep-later", 500);
        payments.replace(payments.get(later.paymentId()).orElseThrow(),
                payments.get(later.paymentId()).orElseThrow().toBuilder().nextCheckAt(CLOCK.instant().plusSeconds(600)).build());

        StatusSweeperHandler.Report report = handler.handleRequest(scheduledEvent(), null);

        assertThat(report.handled()).isEqualTo(2);
        assertThat(payments.get(settled.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCESS);
        Payment cancelled = payments.get(stale.paymentId()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(cancelled.cancelState()).isEqualTo(CancelState.CONFIRMED);
        assertThat(payments.get(later.paymentId()).orElseThrow().checkCount()).isZero();
        assertThat(handler.handleRequest(scheduledEvent(), null).handled()).as("nothing due any more").isZero();
    }

    @Test
    void aRunKeepsWorkingWhenSomethingComesDueWithinItsBudget() throws Exception {
        try (MerchantReceiver receiver = new MerchantReceiver(CLOCK, GATEWAY_KEYS.getPublic())) {
            NotificationStore notifications = context.getBean(NotificationStore.class);
            MerchantNotification soon = new MerchantNotification("N-soon", "soon-id", "MERCHANT", receiver.url(),
                    "{\"notifyType\":\"PAYMENT_RESULT\",\"notifyId\":\"N-soon\",\"result\":{\"resultStatus\":\"F\",\"resultCode\":\"ORDER_IS_CLOSED\"}}",
                    "F", NotificationStatus.PENDING, 0, CLOCK.instant(), CLOCK.instant().plusMillis(1500), null, null, 0);
            db.putItem(b -> b.tableName("scanpay").item(notifications.item(soon)));
            // the run's wait for N-soon moves the clock by 1.5 s (the injected pause), as real time would
            StatusSweeperHandler.Report report = handler.handleRequest(scheduledEvent(), null);

            assertThat(receiver.received()).singleElement().satisfies(r -> assertThat(r.notifyId()).isEqualTo("N-soon"));
            assertThat(report.rounds()).as("a first round found nothing; a later one found it").isGreaterThan(1);
            assertThat(notifications.get("N-soon").orElseThrow().status()).isEqualTo(NotificationStatus.DELIVERED);
        }
    }

    @Test
    void aRunIsOneJsonSummaryLineAndEachWalletCallOneLineOfTheSameInvocation() {
        Payment settled = processing("sweep-logs", 1500);
        walletCharges(settled);
        TestLambdaContext invocation = new TestLambdaContext();

        JsonLogLines logs = JsonLogLines.during(() -> handler.handleRequest(scheduledEvent(), invocation));

        assertThat(logs.summaries()).singleElement().satisfies(summary -> {
            assertThat(summary.path("route").asText()).isEqualTo("sweep");
            assertThat(summary.path("requestId").asText()).as("the Lambda invocation").isEqualTo(invocation.getAwsRequestId());
            assertThat(summary.path("resultCode").asText()).isEqualTo("SUCCESS");
            assertThat(summary.path("handled").asInt()).isPositive();
            assertThat(summary.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(summary.path("level").asText()).isEqualTo("INFO");
        });
        assertThat(logs.calls()).as("the inquiry that found it paid")
                .anySatisfy(call -> {
                    assertThat(call.path("target").asText()).isEqualTo("wallet");
                    assertThat(call.path("targetId").asText()).isEqualTo(wallet.walletId());
                    assertThat(call.path("call").asText()).isEqualTo("inquiryPayment");
                    assertThat(call.path("outcome").asText()).isEqualTo("S");
                    assertThat(call.path("latencyMs").isIntegralNumber()).isTrue();
                })
                .allSatisfy(call -> {
                    assertThat(call.path("requestId").asText()).isEqualTo(invocation.getAwsRequestId());
                    assertThat(call.path("route").asText()).isEqualTo("sweep");
                });
    }

    private Payment processing(String requestId, long minor) {
        Payment payment = Payment.builder()
                .paymentId(requestId + "-id")
                .clientId("MERCHANT")
                .paymentRequestId(requestId)
                .scenario(Scenario.USER_PRESENTED)
                .amount(Money.of(minor, "USD"))
                .status(PaymentStatus.PROCESSING)
                .order(new OrderDetails("o1", "order", "M1", "Shop", "5812", "S1", "Store", "5812", "T1"))
                .walletId(wallet.walletId())
                .createdAt(CLOCK.instant())
                .updatedAt(CLOCK.instant())
                .deadlineAt(CLOCK.instant().plusSeconds(120))
                .nextCheckAt(CLOCK.instant())
                .build();
        context.getBean(PaymentStore.class).create(payment, "hash-" + requestId);
        return payment;
    }

    /** The wallet charged this payment (its pay answer never reached us). */
    private void walletCharges(Payment payment) {
        String code = wallet.issuePaymentCode("sam");
        wallet.configureCustomer("sam", CustomerSettings.behaviour(Behaviour.SUCCESS));
        // the gateway's own wallet client asks for the charge, exactly as pay would have
        WalletClient walletClient = context.getBean(WalletClient.class);
        Wallet registered = context.getBean(WalletDirectory.class).byId(wallet.walletId()).orElseThrow();
        assertThat(walletClient.pay(registered, payment, code)).isInstanceOf(WalletOutcome.Paid.class);
    }

    private static ScheduledEvent scheduledEvent() {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setTime(new DateTime(CLOCK.millis()));
        event.setResources(java.util.List.of("arn:aws:events:us-east-1:000000000000:rule/scanpay-sweeper"));
        return event;
    }
}
