package dev.scanpay.core.service.code;

import dev.scanpay.core.model.code.CashierLinks;
import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.code.CodeTokens;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.EntryProblem;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.directory.ClientDirectory.KnownClient;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.rules.FollowUpSchedule;
import dev.scanpay.core.wire.AmsPaymentView;
import dev.scanpay.core.money.Money;
import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.RequestHash;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.wire.AmsWire;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.Result;
import dev.scanpay.core.protocol.ResultCode;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.model.wallet.Wallet;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stores' static entry codes: a merchant registers one per store (signed AMS call); a customer scanning it
 * in a wallet opens our page, types the amount, and each submit becomes an EntryCode payment whose
 * one-time code the wallet's cashier resolves with userInitiatedPay.
 */
public final class EntryCodes {

    /** Largest amount a customer may type, in minor units: far above any in-store purchase, far below overflow. */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;
    private static final Pattern FORM_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final EntryCodeStore entryStore;
    private final CodeStore codeStore;
    private final PaymentStore payments;
    private final CodePayments codePayments;
    private final ClientDirectory clients;
    private final CodeUrls urls;
    private final NotifyUrlRule notifyUrls;
    private final Clock clock;
    private final PaymentStore.SlotCap openPerStore;

    /**
     * @param maxOpenPerStore how many payments started from one store's page may be open (CREATED or PROCESSING)
     *                        at once; a page is public, so this bounds what strangers can make the store hold
     */
    public EntryCodes(EntryCodeStore entryStore, CodeStore codeStore, PaymentStore payments, CodePayments codePayments,
                      ClientDirectory clients, CodeUrls urls, NotifyUrlRule notifyUrls, Clock clock, int maxOpenPerStore) {
        if (maxOpenPerStore < 1) {
            throw new IllegalArgumentException("a store's cap on open entry-code payments must be at least 1");
        }
        this.openPerStore = new PaymentStore.SlotCap(maxOpenPerStore);
        this.notifyUrls = notifyUrls;
        this.entryStore = entryStore;
        this.codeStore = codeStore;
        this.payments = payments;
        this.codePayments = codePayments;
        this.clients = clients;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * {@code POST /ams/api/v1/codes/registerEntryCode}: the store's code, created on the first call. A repeat
     * for the same store returns the same code (a printed code must keep working); a repeat in another
     * currency is REPEAT_REQ_INCONSISTENT, since customers of the printed code pay in its currency.
     */
    public Map<String, Object> register(KnownClient caller, Fields body) {
        Fields merchant = body.object("merchant");
        String merchantId = merchant.string("referenceMerchantId", 64);
        String merchantName = merchant.string("merchantName", 256);
        String merchantMcc = merchant.string("merchantMCC", 32);
        String merchantDisplayName = merchant.optionalString("merchantDisplayName", 256).orElse(null);
        Fields store = merchant.object("store");
        String storeId = store.string("referenceStoreId", 64);
        String storeName = store.string("storeName", 256);
        String storeMcc = store.string("storeMCC", 32);
        String storeDisplayName = store.optionalString("storeDisplayName", 256).orElse(null);
        Currency currency = currency(body.string("currency", 3));
        String notifyUrl = body.optionalHttpUrl("paymentNotifyUrl", 2048).orElse(null);
        notifyUrls.require(caller.client(), "paymentNotifyUrl", notifyUrl);
        String clientId = caller.client().clientId();
        if (!caller.client().mayActFor(merchantId)) {
            throw new ProtocolException(ResultCode.ACCESS_DENIED, "client " + clientId + " may not act for merchant " + merchantId);
        }
        EntryCode fresh = new EntryCode(CodeTokens.next(), clientId, merchantId, merchantName, merchantMcc, merchantDisplayName,
                storeId, storeName, storeMcc, storeDisplayName, currency, notifyUrl, clock.instant());
        EntryCode stored = entryStore.register(fresh, urls.codeValue(fresh.token()));
        if (!stored.currency().equals(currency)) {
            throw new ProtocolException(ResultCode.REPEAT_REQ_INCONSISTENT, "store " + storeId + " already has an entry code in "
                    + stored.currency().getCurrencyCode() + "; a printed code cannot change currency");
        }
        return JsonObject.create()
                .put("result", Result.success().toWire())
                .put("referenceMerchantId", stored.referenceMerchantId())
                .put("referenceStoreId", stored.referenceStoreId())
                .put("currency", stored.currency().getCurrencyCode())
                .put("codeCreateTime", AmsWire.time(stored.createdAt()))
                .put("entryCodeForm", JsonObject.create().put("codeDetails", AmsPaymentView.codeDetails(urls, stored.token())))
                .build();
    }

    public Optional<EntryCode> find(String token) {
        return CodeTokens.isWellFormed(token) ? entryStore.find(token) : Optional.empty();
    }

    /** A payment started from a store's page, and where to send the customer's browser next. */
    public record StartedPayment(Payment payment, String cashierUrl) {
    }

    /**
     * The customer submitted the page. {@code formId} is a random id the page carried, so submitting the
     * same page twice (a double tap, a reload) is one payment, not two.
     *
     * @throws EntryProblem.Refusal what the page should tell the customer instead
     */
    public StartedPayment startPayment(String token, String typedAmount, String formId, Wallet wallet) {
        EntryCode code = find(token).orElseThrow(EntryProblem.UNKNOWN_CODE::refusal);
        if (wallet == null || !wallet.takesEntryCodes()) {
            throw EntryProblem.NO_WALLET.refusal();
        }
        if (formId == null || !FORM_ID.matcher(formId).matches()) {
            throw EntryProblem.FORM_ALREADY_USED.refusal();
        }
        Money amount = parseAmount(typedAmount, code.currency());
        String paymentRequestId = "EC-" + formId;
        String hash = hash(amount, wallet.walletId());
        Instant expiry = clock.instant().plus(FollowUpSchedule.DEFAULT_ORDER_CODE_WINDOW);
        String notifyUrl = notifyUrlOf(code);
        var spec = new CodePayments.NewCodePayment(code.clientId(), paymentRequestId, Scenario.ENTRY_CODE, amount,
                code.order(paymentRequestId), notifyUrl, null, wallet.walletId(), expiry);
        PaymentStore.Creation creation = codePayments.create(spec, hash, EntryCodeStore.slotOf(code), openPerStore);
        Payment payment;
        if (creation instanceof PaymentStore.StoreBusy) {
            throw EntryProblem.STORE_BUSY.refusal();
        }
        if (creation instanceof PaymentStore.AlreadyRequested already) {
            if (!already.key().requestHash().equals(hash)) {
                throw EntryProblem.FORM_ALREADY_USED.refusal();
            }
            payment = payments.get(already.key().paymentId()).orElseThrow();
        } else {
            payment = ((PaymentStore.Created) creation).payment();
        }
        return new StartedPayment(payment, CashierLinks.of(wallet, urls.codeValue(payment.codeToken())));
    }

    /**
     * Where a payment from this store's page is notified: the code's own URL while the client's registered
     * prefixes still admit it (they may have changed since the code was printed), else the client's default.
     */
    private String notifyUrlOf(EntryCode code) {
        var client = clients.find(code.clientId()).map(ClientDirectory.KnownClient::client);
        if (code.notifyUrl() != null && client.map(c -> c.notifyUrlPrefixes().admits(code.notifyUrl())).orElse(false)) {
            return code.notifyUrl();
        }
        return client.map(c -> c.notifyUrl()).orElse(null);
    }

    /** The entry-code payment a one-time code leads to, for the result page the cashier returns to. */
    public Optional<Payment> paymentOf(String orderToken) {
        if (!CodeTokens.isWellFormed(orderToken)) {
            return Optional.empty();
        }
        return codeStore.find(orderToken)
                .filter(c -> c.kind() == CodeKind.ORDER && c.paymentId() != null)
                .flatMap(c -> payments.get(c.paymentId()))
                .filter(p -> p.scenario() == Scenario.ENTRY_CODE);
    }

    /** What a customer typed, in the store's currency: "1,000", " 12.5 " are fine; "12.345" in USD is not. */
    public static Money parseAmount(String typed, Currency currency) {
        String plain = typed == null ? "" : typed.replace(",", "").replace(" ", "").trim();
        if (!plain.matches("\\d{1,15}(\\.\\d{0,15})?")) {
            throw EntryProblem.AMOUNT_NOT_A_NUMBER.refusal();
        }
        if (plain.endsWith(".")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        int decimals = plain.contains(".") ? plain.length() - plain.indexOf('.') - 1 : 0;
        if (decimals > currency.getDefaultFractionDigits()) {
            throw EntryProblem.AMOUNT_TOO_MANY_DECIMALS.refusal();
        }
        long minor = new java.math.BigDecimal(plain).movePointRight(currency.getDefaultFractionDigits()).longValueExact();
        if (minor <= 0) {
            throw EntryProblem.AMOUNT_NOT_POSITIVE.refusal();
        }
        if (minor > MAX_AMOUNT_MINOR) {
            throw EntryProblem.AMOUNT_TOO_LARGE.refusal();
        }
        return Money.of(minor, currency.getCurrencyCode());
    }

    private static Currency currency(String code) {
        try {
            return Money.currency(code);
        } catch (Money.UnsupportedCurrency e) {
            throw new ProtocolException(ResultCode.CURRENCY_NOT_SUPPORT, "currency " + code
                    + " is not a currency in use (withdrawn, or a funds code)");
        } catch (IllegalArgumentException e) {
            throw ProtocolException.paramIllegal("currency", "must be an ISO 4217 code such as JPY, USD or KWD");
        }
    }

    private static String hash(Money amount, String walletId) {
        return RequestHash.of(Scenario.ENTRY_CODE.name(), amount.currencyCode(), amount.minor(), walletId);
    }
}
