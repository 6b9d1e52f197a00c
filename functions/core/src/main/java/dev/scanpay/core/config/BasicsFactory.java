package dev.scanpay.core.config;

import dev.scanpay.core.api.AnswerDeadlines;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.observe.EmfMetrics;
import dev.scanpay.core.observe.Metrics;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * What every function uses: the clock, JSON, metrics and the DynamoDB client.
 *
 * <p>The gateway's beans are split by concern over a few small factories (this one, {@link StoreFactory},
 * {@link GatewayKeyFactory}, {@link NotificationFactory}, {@link WalletSideFactory}, {@link CodeFactory},
 * {@link MerchantSideFactory}, {@link WalletIntakeFactory}, {@link LegacyFactory}). Every bean is a lazy singleton: a function
 * builds only what its own entry point (its controller or handler, eager in its own module) reaches, so
 * a function that never signs never loads the gateway key. Tests and the local stack replace the Clock
 * (and, to record calls, the DynamoDB client) by registering their own.
 */
@Factory
public class BasicsFactory {

    @Singleton
    @Secondary
    Clock systemClock() {
        return Clock.systemUTC();
    }

    /** EMF lines on stdout, which Lambda sends to the function's log group; tests register their own. */
    @Singleton
    @Secondary
    Metrics metrics(GatewayConfig config) {
        return EmfMetrics.toStdout(config.metricsNamespace());
    }

    @Singleton
    Json json(JsonMapper mapper) {
        return new Json(mapper);
    }

    @Singleton
    AnswerDeadlines answerDeadlines(GatewayConfig config) {
        return new AnswerDeadlines(config.apiDeadline(), config.payDeadline());
    }

    /** Every call bounded: see {@link GatewayConfig#dynamoCallTimeout()}. */
    @Singleton
    @Secondary
    DynamoDbClient dynamoDbClient(GatewayConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(config.dynamoAttemptTimeout())
                        .apiCallTimeout(config.dynamoCallTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.dynamoMaxAttempts()).build()));
        if (config.dynamoEndpoint() != null) {
            builder.endpointOverride(URI.create(config.dynamoEndpoint()));
        }
        return builder.build();
    }
}
