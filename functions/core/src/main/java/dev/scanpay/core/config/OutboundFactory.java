package dev.scanpay.core.config;

import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.outbound.OutboundHttp;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Where the gateway may send and how: the destination rules (also read at request time, for notify URLs)
 * and the one outbound HTTP client that wallet calls and merchant notifications share.
 */
@Factory
public class OutboundFactory {

    @Singleton
    DestinationRules destinationRules(GatewayConfig config) {
        return config.destinationRules();
    }

    @Singleton
    NotifyUrlRule notifyUrlRule(DestinationRules rules) {
        return new NotifyUrlRule(rules);
    }

    @Singleton
    OutboundHttp outboundHttp(GatewayConfig config, DestinationRules rules) {
        return new OutboundHttp(rules, config.maxAnswerBytes(), config.connectTimeout());
    }
}
