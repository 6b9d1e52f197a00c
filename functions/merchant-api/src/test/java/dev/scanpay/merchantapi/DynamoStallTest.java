package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.userPresented;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import dev.scanpay.testkit.FaultyDynamo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * DynamoDB stalls under a merchant's call: the merchant still gets a signed U within the call's deadline (not
 * API Gateway's unsigned 5xx after the function's timeout), and once DynamoDB recovers the payment completes
 * and a repeat of the same paymentRequestId answers its result, charged once.
 */
@OnBothAdapters
class DynamoStallTest {

    private static final Duration PAY_DEADLINE = Duration.ofMillis(3000);
    private static final Duration DEADLINE = Duration.ofMillis(3000);

    @Parameter
    Adapter adapter;

    private final AtomicReference<FaultyDynamo> dynamo = new AtomicReference<>();
    private GatewayHarness gateway;
    private SignedMerchant merchant;

    @BeforeEach
    void start() {
        Map<String, Object> settings = new HashMap<>(GatewayHarness.LOCAL_OUTBOUND);
        settings.put("scanpay.api.pay-deadline", PAY_DEADLINE.toMillis() + "ms");
        settings.put("scanpay.api.deadline", DEADLINE.toMillis() + "ms");
        gateway = new GatewayHarness(adapter, settings, real -> {
            dynamo.set(new FaultyDynamo(real));
            return dynamo.get().client;
        });
        merchant = gateway.merchant("MERCHANT_STALL");
    }

    @AfterEach
    void stop() {
        dynamo.get().release();
        gateway.close();
    }

    @Test
    void aPayWhoseWritesStallIsAnsweredUnknownInTimeAndCompletesOnceDynamoRecovers() throws Exception {
        Map<String, Object> body = userPresented("PR-STALL-1", "USD", 1_234, gateway.wallet.issuePaymentCode("alice"));
        long before = gateway.wallet.balance("alice", "USD");
        dynamo.get().stall("transactWriteItems", "putItem", "updateItem");

        long started = System.nanoTime();
        Answer stalled = merchant.call("pay", body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stalled.resultStatus()).isEqualTo("U");
        assertThat(stalled.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(took).as("answered at its deadline, not after DynamoDB's stall").isLessThan(PAY_DEADLINE.plusSeconds(2));
        assertThat(dynamo.get().held()).as("the pay was held by DynamoDB").isPositive();
        assertThat(gateway.wallet.callCount("pay")).as("nothing charged while the creation had not landed").isZero();

        dynamo.get().release();
        Answer repeat = payUntilFinal(body);

        assertThat(repeat.resultStatus()).isEqualTo("S");
        assertThat(gateway.wallet.balance("alice", "USD")).as("charged exactly once").isEqualTo(before - 1_234);
        assertThat(gateway.wallet.callCount("pay")).isEqualTo(1);
    }

    @Test
    void anInquiryWhoseReadsStallIsAnsweredUnknownInTime() {
        Answer paid = merchant.call("pay", userPresented("PR-STALL-2", "USD", 500, gateway.wallet.issuePaymentCode("alice")));
        assertThat(paid.resultStatus()).isEqualTo("S");
        dynamo.get().stall("getItem", "query");

        long started = System.nanoTime();
        Answer inquiry = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-STALL-2"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(inquiry.resultStatus()).isEqualTo("U");
        assertThat(inquiry.resultCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(took).isLessThan(DEADLINE.plusSeconds(2));

        dynamo.get().release();
        Answer after = merchant.call("inquiryPayment", Map.of("paymentRequestId", "PR-STALL-2"));
        assertThat(after.resultStatus()).isEqualTo("S");
        assertThat(after.get("paymentStatus")).isEqualTo("SUCCESS");
    }

    /** The first pay's work finishes on its own thread once DynamoDB recovers; repeats answer its state meanwhile. */
    private Answer payUntilFinal(Map<String, Object> body) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Answer answer = merchant.call("pay", body);
        while (!"S".equals(answer.resultStatus()) && System.nanoTime() < until) {
            Thread.sleep(50);   // real time: the first call's thread is finishing its wallet call
            answer = merchant.call("pay", body);
        }
        return answer;
    }
}
