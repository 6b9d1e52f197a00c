package dev.scanpay.core.config;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.signing.MessageSigner;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The gateway's signing key. Loaded (from Secrets Manager in AWS) the first time something that signs is
 * built: the merchant and wallet APIs' answers, calls to wallets, notifications to merchants. A function
 * whose beans never sign (the codes function) never loads it, and its role may not read the secret.
 */
@Factory
public class GatewayKeyFactory {

    @Singleton
    MessageSigner gatewaySigner(GatewayConfig config, Json json) {
        return GatewayKeyLoader.load(config, json);
    }
}
