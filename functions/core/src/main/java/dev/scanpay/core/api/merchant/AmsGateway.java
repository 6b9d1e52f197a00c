package dev.scanpay.core.api.merchant;

import dev.scanpay.core.service.reconcile.MerchantReports;
import dev.scanpay.core.service.merchant.MerchantPayments;
import dev.scanpay.core.service.merchant.MerchantRefunds;
import dev.scanpay.core.service.merchant.PayRequestParser;
import dev.scanpay.core.service.merchant.PaymentLookup;
import dev.scanpay.core.api.AnswerDeadlines;
import dev.scanpay.core.api.InboundRequest;
import dev.scanpay.core.api.OutboundResponse;
import dev.scanpay.core.api.SignedJsonApi;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.service.merchant.MerchantNotifications;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.service.merchant.RefundLookup;
import dev.scanpay.core.service.merchant.RefundRequest;
import dev.scanpay.core.signing.MessageSigner;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The merchant (AMS) API: {@code /ams/api/v1/{family}/{operation}}, also under {@code /ams/sandbox/api/v1/}
 * where Alipay's SDK sends SANDBOX_ client ids. Callers are merchant clients checked by
 * {@link MerchantAuthenticator}; the transport rules are {@link SignedJsonApi}'s.
 */
public final class AmsGateway {

    /** Production path, and the sandbox path Alipay's SDK uses for SANDBOX_ client ids. */
    public static final String[] PATH_PREFIXES = {"/ams/api/v1/", "/ams/sandbox/api/v1/"};

    private final SignedJsonApi<KnownClient> api;

    public AmsGateway(MerchantAuthenticator authenticator, MerchantPayments payments, MerchantRefunds refunds,
                      EntryCodes entryCodes, MerchantNotifications notifications, MerchantReports reports, Json json,
                      MessageSigner signer, Clock clock, AnswerDeadlines deadlines) {
        this.api = new SignedJsonApi<>(authenticator::authenticate, json, signer, clock, deadlines);
        // every merchant route, each parsed here and served by one method of one service
        for (String prefix : PATH_PREFIXES) {
            // a pay waits for the wallet, and Alipay's SDK reads its answer for 5 s only
            api.register(prefix + "payments/pay", (client, body) -> payments.pay(client, PayRequestParser.parse(body)),
                    deadlines.pay());
        }
        route("payments", "inquiryPayment", (client, body) -> payments.inquire(client, PaymentLookup.parse(body)));
        route("payments", "cancel", (client, body) -> payments.cancel(client, PaymentLookup.parse(body)));
        route("payments", "refund", (client, body) -> refunds.refund(client, RefundRequest.parse(body)));
        route("payments", "inquiryRefund", (client, body) -> refunds.inquire(client, RefundLookup.parse(body)));
        route("codes", "registerEntryCode", entryCodes::register);
        route("notifications", "resend", notifications::resend);
        route("notifications", "listUndelivered", notifications::listUndelivered);
        route("reports", "inquiry", reports::inquire);
    }

    private void route(String family, String operation, BiFunction<KnownClient, Fields, Map<String, Object>> handler) {
        for (String prefix : PATH_PREFIXES) {
            api.register(prefix + family + "/" + operation, handler);
        }
    }

    public OutboundResponse handle(InboundRequest request) {
        return api.handle(request);
    }

    /** A signed UNKNOWN_EXCEPTION for a failure that escaped {@link #handle} (the framework's own). */
    public OutboundResponse refuseUnexpected(InboundRequest request, Throwable error) {
        return api.refuseUnexpected(request, error);
    }
}
