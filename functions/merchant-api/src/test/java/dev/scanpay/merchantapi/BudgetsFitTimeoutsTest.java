package dev.scanpay.merchantapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.config.GatewayConfig;
import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.testkit.SamTemplate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every function's time budgets, as its settings in template.yaml make them (its environment, else the
 * defaults of {@link GatewayConfig}), fit under the function's Lambda timeout: a function stopped by Lambda
 * answers nothing (API Gateway's unsigned 5xx to a merchant) and leaves its work to the next run.
 */
class BudgetsFitTimeoutsTest {

    /** Time to sign and send an answer once its deadline has passed, and for a cold function's first steps. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theApiFunctionsAnswerAtTheirDeadlineWellBeforeLambdaStopsThem() {
        for (String function : new String[] {"MerchantApiFunction", "WalletApiFunction", "LegacyGatewayFunction"}) {
            GatewayConfig config = settingsOf(function);
            Duration longest = max(config.apiDeadline(), config.payDeadline());
            assertThat(longest.plus(ANSWER_MARGIN)).as(function).isLessThanOrEqualTo(timeoutOf(function));
        }
    }

    @Test
    void theSweeperFinishesItsLastItemAfterItsBudgetBeforeLambdaStopsIt() {
        GatewayConfig config = settingsOf("StatusSweeperFunction");
        var wallet = config.walletTimeouts();
        Duration lastItem = max(max(wallet.pay(), wallet.inquiry()), wallet.cancel())
                .plus(config.dynamoCallTimeout().multipliedBy(2));   // its claim and its result
        assertThat(config.sweeperBudget().plus(lastItem)).isLessThan(timeoutOf("StatusSweeperFunction"));
        assertThat(config.sweeperBudget().plus(oneNotification(config))).as("the sweeper's last notification")
                .isLessThan(timeoutOf("StatusSweeperFunction"));
    }

    @Test
    void theNotifierSendsItsBatchBeforeLambdaStopsIt() {
        GatewayConfig config = settingsOf("NotifierFunction");
        // a batch's notifications are sent side by side
        assertThat(oneNotification(config).plus(ANSWER_MARGIN)).isLessThan(timeoutOf("NotifierFunction"));
    }

    @Test
    void anAttemptsSendAndItsOutcomesTriesFitInItsLease() {
        for (String function : new String[] {"NotifierFunction", "StatusSweeperFunction"}) {
            GatewayConfig config = settingsOf(function);
            // past the lease another sender may send it again; the claim's write, the send, the outcome's tries and
            // the read after a lost answer must all be done before then
            Duration sendAndMark = config.notifyTimeout()
                    .plus(config.dynamoCallTimeout().multipliedBy(1 + NotificationDelivery.OUTCOME_TRIES + 1));
            assertThat(sendAndMark).as(function).isLessThan(config.notificationLease());
        }
    }

    @Test
    void aRecordStampedForAWalletCallIsNotTakenOverWhileTheCallMayStillRun() {
        for (String function : new String[] {"MerchantApiFunction", "WalletApiFunction", "LegacyGatewayFunction",
                "StatusSweeperFunction"}) {
            GatewayConfig config = settingsOf(function);
            // the stamp's own write and a read before the call, each up to the call timeout
            assertThat(FollowUpSchedule.WALLET_CALL_MARGIN).as(function)
                    .isGreaterThan(config.dynamoCallTimeout().multipliedBy(2));
        }
    }

    /** A claim, the send, the tries of its outcome's mark, and the read after a lost answer. */
    private static Duration oneNotification(GatewayConfig config) {
        return config.dynamoCallTimeout().plus(config.notifyTimeout())
                .plus(config.dynamoCallTimeout().multipliedBy(NotificationDelivery.OUTCOME_TRIES + 1));
    }

    private GatewayConfig settingsOf(String function) {
        Map<String, Object> environment = SamTemplate.map(SamTemplate.map(
                template.properties(function).getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
        Map<String, Object> settings = new HashMap<>();
        for (String property : GatewayConfig.defaults().keySet()) {
            Object value = environment.get(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            if (value instanceof String text) {
                settings.put(property, text);
            }
        }
        return GatewayConfig.of(settings);
    }

    private Duration timeoutOf(String function) {
        Object own = template.properties(function).get("Timeout");
        Object timeout = own != null ? own
                : SamTemplate.map(SamTemplate.map(template.raw().get("Globals")).get("Function")).get("Timeout");
        return Duration.ofSeconds(((Number) timeout).longValue());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
