package dev.scanpay.core.config;

import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import io.micronaut.context.annotation.Factory;
import dev.scanpay.core.rules.NotifyUrlRule;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Order and entry codes: issuing them and starting entry-code payments. Nothing here signs. */
@Factory
public class CodeFactory {

    @Singleton
    CodeUrls codeUrls(GatewayConfig config) {
        return new CodeUrls(config.publicUrl());
    }

    @Singleton
    CodePayments codePayments(PaymentStore store, CodeStore codeStore, CodeUrls codeUrls, Clock clock) {
        return new CodePayments(store, codeStore, codeUrls, clock);
    }

    @Singleton
    EntryCodes entryCodes(EntryCodeStore entryStore, CodeStore codeStore, PaymentStore payments, CodePayments codePayments,
                          ClientDirectory clients, CodeUrls codeUrls, NotifyUrlRule notifyUrls, Clock clock,
                          GatewayConfig config) {
        return new EntryCodes(entryStore, codeStore, payments, codePayments, clients, codeUrls, notifyUrls, clock,
                config.entryCodeMaxOpenPerStore());
    }
}
