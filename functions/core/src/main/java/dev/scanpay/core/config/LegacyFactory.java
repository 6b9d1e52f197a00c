package dev.scanpay.core.config;

import dev.scanpay.core.api.legacy.LegacyGateway;
import dev.scanpay.core.api.legacy.LegacyMd5Keys;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.merchant.MerchantNotifications;
import dev.scanpay.core.service.merchant.MerchantPayments;
import dev.scanpay.core.service.merchant.MerchantRefunds;
import dev.scanpay.core.signing.MessageSigner;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The Legacy Barcode API ({@code /gateway.do}): the partners' MD5 keys (secrets, loaded like the gateway key) and
 * the gateway serving it on the merchant services. Built where the legacy function's controller is (eager there).
 */
@Factory
public class LegacyFactory {

    @Singleton
    LegacyMd5Keys legacyMd5Keys(GatewayConfig config, Json json) {
        return LegacyMd5KeyLoader.load(config, json);
    }

    @Singleton
    LegacyGateway legacyGateway(ClientDirectory clients, LegacyMd5Keys md5Keys, MerchantPayments payments,
                                MerchantRefunds refunds, MerchantNotifications notifications, MessageSigner signer,
                                Json json, Clock clock) {
        return new LegacyGateway(clients, md5Keys, payments, refunds, notifications, signer, json, clock);
    }
}
