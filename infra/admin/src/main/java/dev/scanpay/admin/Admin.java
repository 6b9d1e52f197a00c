package dev.scanpay.admin;

import dev.scanpay.core.api.legacy.LegacyPartnerId;
import dev.scanpay.core.json.Json;
import dev.scanpay.core.json.JsonObject;
import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientIds;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.model.code.CodeUrls;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.notification.MerchantNotification;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.refund.Refund;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.rules.MerchantNotices;
import dev.scanpay.core.rules.NotifyUrlRule;
import dev.scanpay.core.rules.WalletCodePrefixes;
import dev.scanpay.core.service.code.CodePayments;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.service.directory.ClientDirectory;
import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.store.AuditStore;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.core.store.NotificationStore;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.RefundStore;
import dev.scanpay.core.store.WalletStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The admin commands' work, the same against every {@link Target}: each input is checked with the rules the APIs
 * use before anything is written, each write goes through core's stores and leaves an audit entry (who, what,
 * the record before and after, never a secret), and each answer is a JSON-ready map.
 */
final class Admin {

    private static final Pattern KEY_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Json JSON = Json.standalone();
    /** The most of one client's dead-lettered notifications listed. */
    static final int UNDELIVERED_LIMIT = 100;

    private final Target target;
    private final Clock clock;
    private final ClientStore clients;
    private final WalletStore wallets;
    private final EntryCodeStore entryCodes;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final NotificationStore notifications;
    private final AuditStore audit;

    Admin(Target target, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.clients = new ClientStore(target.dynamo(), target.table());
        this.wallets = new WalletStore(target.dynamo(), target.table());
        this.entryCodes = new EntryCodeStore(target.dynamo(), target.table());
        this.payments = new PaymentStore(target.dynamo(), target.table());
        this.refunds = new RefundStore(target.dynamo(), target.table());
        this.notifications = new NotificationStore(target.dynamo(), target.table());
        this.audit = new AuditStore(target.dynamo(), target.table());
    }

    Target target() {
        return target;
    }

    // ------------------------------------------------------------------ clients

    /** What {@code client add} and {@code client update} were given; null fields are left as they are. */
    record ClientChange(String clientId, String name, ClientKind kind, Map<String, String> addKeys, Set<String> retireKeys,
                        List<String> merchantIds, List<String> notifyUrls, String notifyUrl, String legacyPartner,
                        String md5Key) {
    }

    Map<String, Object> addClient(ClientChange change) {
        String clientId = change.legacyPartner() != null ? change.legacyPartner() : change.clientId();
        if (change.legacyPartner() != null) {
            requirePartner(change.legacyPartner());
            if (change.clientId() != null && !change.clientId().equals(change.legacyPartner())) {
                throw new AdminRefusal("a legacy partner's client id is its partner id; leave --client-id out");
            }
        }
        requireClientId(clientId);
        if (change.addKeys().isEmpty()) {
            throw new AdminRefusal("a client needs a public key: --public-key-file FILE [--key-version V]");
        }
        if (clients.registration(clientId).isPresent()) {
            throw new AdminRefusal("client " + clientId + " is already registered; change it with `client update`");
        }
        Client client = client(clientId, change.name() != null ? change.name() : clientId,
                change.kind() != null ? change.kind() : ClientKind.MERCHANT, keys(Map.of(), change.addKeys(), Set.of()),
                change.merchantIds() != null ? change.merchantIds() : List.of(),
                change.notifyUrls() != null ? change.notifyUrls() : List.of(), change.notifyUrl(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        boolean md5 = change.md5Key() != null;
        if (md5 && change.legacyPartner() == null && !LegacyPartnerId.isWellFormed(clientId)) {
            throw new AdminRefusal("an MD5 key is for a legacy partner: register it with --legacy-partner 2088...");
        }
        if (!clients.add(client)) {
            throw new AdminRefusal("client " + clientId + " is already registered; change it with `client update`");
        }
        if (md5) {
            target.md5Keys().put(clientId, change.md5Key());
        }
        record("client add", "client " + clientId, null, view(client, null, md5 || hasMd5(clientId)));
        return showClient(clientId);
    }

    Map<String, Object> updateClient(ClientChange change) {
        String clientId = change.clientId();
        requireClientId(clientId);
        ClientStore.Registration before = registration(clientId);
        if (before.disabled()) {
            throw new AdminRefusal("client " + clientId + " is disabled; `client enable " + clientId + "` first");
        }
        Client old = before.client();
        Client next = client(clientId, change.name() != null ? change.name() : old.name(),
                change.kind() != null ? change.kind() : old.kind(),
                keys(old.publicKeys(), change.addKeys(), change.retireKeys()),
                change.merchantIds() != null ? change.merchantIds() : List.copyOf(old.merchantIds()),
                change.notifyUrls() != null ? change.notifyUrls() : old.notifyUrlPrefixes().urls(),
                change.notifyUrl() != null ? emptyToNull(change.notifyUrl()) : old.notifyUrl(), old.createdAt());
        if (change.md5Key() != null && !LegacyPartnerId.isWellFormed(clientId)) {
            throw new AdminRefusal("client " + clientId + " is not a legacy partner (16 digits starting 2088): it has no MD5 key");
        }
        boolean hadMd5 = hasMd5(clientId);
        if (!clients.replace(before, next, null)) {
            throw changedMeanwhile("client " + clientId);
        }
        if (change.md5Key() != null) {
            target.md5Keys().put(clientId, change.md5Key());
        }
        Map<String, Object> after = view(next, null, hadMd5 || change.md5Key() != null);
        if (change.md5Key() != null) {
            after = new LinkedHashMap<>(after);
            after.put("md5Key", "replaced");
        }
        record("client update", "client " + clientId, view(old, null, hadMd5), after);
        return showClient(clientId);
    }

    Map<String, Object> disableClient(String clientId) {
        ClientStore.Registration before = registration(clientId);
        if (before.disabled()) {
            return showClient(clientId);
        }
        if (!clients.replace(before, before.client(), clock.instant())) {
            throw changedMeanwhile("client " + clientId);
        }
        ClientStore.Registration after = registration(clientId);
        boolean md5 = hasMd5(clientId);
        record("client disable", "client " + clientId, view(before.client(), null, md5), view(after.client(), after.disabledAt(), md5));
        return showClient(clientId);
    }

    Map<String, Object> enableClient(String clientId) {
        ClientStore.Registration before = registration(clientId);
        if (!before.disabled()) {
            return showClient(clientId);
        }
        if (!clients.replace(before, before.client(), null)) {
            throw changedMeanwhile("client " + clientId);
        }
        boolean md5 = hasMd5(clientId);
        record("client enable", "client " + clientId, view(before.client(), before.disabledAt(), md5), view(before.client(), null, md5));
        return showClient(clientId);
    }

    Map<String, Object> showClient(String clientId) {
        ClientStore.Registration r = registration(clientId);
        return view(r.client(), r.disabledAt(), hasMd5(clientId));
    }

    List<Map<String, Object>> listClients() {
        return clients.registrations().stream().map(r -> view(r.client(), r.disabledAt(), false)).map(v -> {
            Map<String, Object> brief = new LinkedHashMap<>(v);
            brief.remove("legacyMd5Key");
            return brief;
        }).toList();
    }

    /** Someone wrote the record between this command's read and its write: nothing was written. */
    private static AdminRefusal changedMeanwhile(String record) {
        return new AdminRefusal(record + " was changed by someone else while this command ran; nothing was written, run it again");
    }

    private ClientStore.Registration registration(String clientId) {
        requireClientId(clientId);
        return clients.registration(clientId).orElseThrow(() -> new AdminRefusal("no client " + clientId));
    }

    private boolean hasMd5(String clientId) {
        return LegacyPartnerId.isWellFormed(clientId) && target.md5Keys().has(clientId);
    }

    /** A client built by the model's own rules (id form, ISV merchants, default notify URL inside the prefixes). */
    private Client client(String clientId, String name, ClientKind kind, Map<String, String> keys, List<String> merchantIds,
                          List<String> notifyUrls, String notifyUrl, Instant createdAt) {
        for (String merchantId : merchantIds) {
            if (merchantId.isBlank() || merchantId.length() > 64) {
                throw new AdminRefusal("merchant id '" + merchantId + "' must be 1 to 64 characters");
            }
        }
        NotifyUrlPrefixes prefixes;
        try {
            prefixes = NotifyUrlPrefixes.of(notifyUrls);
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(e.getMessage());
        }
        for (String prefix : notifyUrls) {
            destination("--notify-urls " + prefix, prefix);
        }
        if (notifyUrl != null) {
            destination("--notify-url", notifyUrl);
        }
        try {
            return new Client(clientId, name, kind, keys, Set.copyOf(merchantIds), notifyUrl, prefixes, createdAt);
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(e.getMessage());
        }
    }

    private static void requireClientId(String clientId) {
        if (!ClientIds.isWellFormed(clientId)) {
            throw new AdminRefusal("client id '" + clientId + "' must be 1-64 letters, digits, '_', '-' or '.'");
        }
    }

    private static void requirePartner(String partner) {
        if (!LegacyPartnerId.isWellFormed(partner)) {
            throw new AdminRefusal("legacy partner '" + partner + "' is not 16 digits starting 2088");
        }
    }

    // ------------------------------------------------------------------ wallets

    /** What {@code wallet add} and {@code wallet update} were given; null fields are left as they are. */
    record WalletChange(String walletId, String pspName, String endpoint, Map<String, String> addKeys, Set<String> retireKeys,
                        List<String> codePrefixes, String cashierUrl, String userAgentMarker) {
    }

    Map<String, Object> addWallet(WalletChange change) {
        requireWalletId(change.walletId());
        if (wallets.registration(change.walletId()).isPresent()) {
            throw new AdminRefusal("wallet " + change.walletId() + " is already registered; change it with `wallet update`");
        }
        if (change.endpoint() == null) {
            throw new AdminRefusal("a wallet needs --endpoint URL (its Alipay+ base URL)");
        }
        if (change.addKeys().isEmpty()) {
            throw new AdminRefusal("a wallet needs a public key: --public-key-file FILE [--key-version V]");
        }
        Wallet wallet = wallet(change.walletId(), change.pspName() != null ? change.pspName() : change.walletId(),
                change.endpoint(), keys(Map.of(), change.addKeys(), Set.of()),
                change.codePrefixes() != null ? change.codePrefixes() : List.of(),
                emptyToNull(change.cashierUrl()), emptyToNull(change.userAgentMarker()));
        if (!wallets.add(wallet)) {
            throw new AdminRefusal("wallet " + wallet.walletId() + " is already registered; change it with `wallet update`");
        }
        record("wallet add", "wallet " + wallet.walletId(), null, view(wallet, null));
        return showWallet(wallet.walletId());
    }

    Map<String, Object> updateWallet(WalletChange change) {
        WalletStore.Registration before = walletRegistration(change.walletId());
        if (before.disabled()) {
            throw new AdminRefusal("wallet " + change.walletId() + " is disabled; `wallet enable " + change.walletId() + "` first");
        }
        Wallet old = before.wallet();
        Wallet next = wallet(old.walletId(), change.pspName() != null ? change.pspName() : old.pspName(),
                change.endpoint() != null ? change.endpoint() : old.endpoint(),
                keys(old.publicKeys(), change.addKeys(), change.retireKeys()),
                change.codePrefixes() != null ? change.codePrefixes() : old.codePrefixes(),
                change.cashierUrl() != null ? emptyToNull(change.cashierUrl()) : old.cashierUrl(),
                change.userAgentMarker() != null ? emptyToNull(change.userAgentMarker()) : old.userAgentMarker());
        if (!wallets.replace(before, next, null)) {
            throw changedMeanwhile("wallet " + old.walletId());
        }
        record("wallet update", "wallet " + old.walletId(), view(old, null), view(next, null));
        return showWallet(old.walletId());
    }

    Map<String, Object> disableWallet(String walletId) {
        WalletStore.Registration before = walletRegistration(walletId);
        if (before.disabled()) {
            return showWallet(walletId);
        }
        if (!wallets.replace(before, before.wallet(), clock.instant())) {
            throw changedMeanwhile("wallet " + walletId);
        }
        WalletStore.Registration after = walletRegistration(walletId);
        record("wallet disable", "wallet " + walletId, view(before.wallet(), null), view(after.wallet(), after.disabledAt()));
        return showWallet(walletId);
    }

    Map<String, Object> enableWallet(String walletId) {
        WalletStore.Registration before = walletRegistration(walletId);
        if (!before.disabled()) {
            return showWallet(walletId);
        }
        // its prefixes may have been given to another wallet meanwhile
        wallet(before.wallet().walletId(), before.wallet().pspName(), before.wallet().endpoint(), before.wallet().publicKeys(),
                before.wallet().codePrefixes(), before.wallet().cashierUrl(), before.wallet().userAgentMarker());
        if (!wallets.replace(before, before.wallet(), null)) {
            throw changedMeanwhile("wallet " + walletId);
        }
        record("wallet enable", "wallet " + walletId, view(before.wallet(), before.disabledAt()), view(before.wallet(), null));
        return showWallet(walletId);
    }

    Map<String, Object> showWallet(String walletId) {
        WalletStore.Registration r = walletRegistration(walletId);
        return view(r.wallet(), r.disabledAt());
    }

    List<Map<String, Object>> listWallets() {
        return wallets.registrations().stream().map(r -> view(r.wallet(), r.disabledAt())).toList();
    }

    private WalletStore.Registration walletRegistration(String walletId) {
        requireWalletId(walletId);
        return wallets.registration(walletId).orElseThrow(() -> new AdminRefusal("no wallet " + walletId));
    }

    /** A wallet whose URLs the gateway would call, whose prefixes are digits and meet no other live wallet's. */
    private Wallet wallet(String walletId, String pspName, String endpoint, Map<String, String> keys, List<String> prefixes,
                          String cashierUrl, String userAgentMarker) {
        destination("--endpoint", endpoint);
        if (cashierUrl != null) {
            destination("--cashier-url", cashierUrl);
        }
        if ((cashierUrl == null) != (userAgentMarker == null)) {
            throw new AdminRefusal("a wallet takes entry-code payments with both --cashier-url and --user-agent-marker, or neither");
        }
        if (userAgentMarker != null && (userAgentMarker.length() > 64 || userAgentMarker.isBlank())) {
            throw new AdminRefusal("--user-agent-marker must be 1 to 64 characters");
        }
        Wallet wallet = new Wallet(walletId, pspName, endpoint, keys, prefixes, cashierUrl, userAgentMarker);
        WalletCodePrefixes.refusalOf(wallet, wallets.all()).ifPresent(problem -> {
            throw new AdminRefusal(problem);
        });
        return wallet;
    }

    private static void requireWalletId(String walletId) {
        if (!ClientIds.isWellFormed(walletId)) {
            throw new AdminRefusal("wallet id '" + walletId + "' must be 1-64 letters, digits, '_', '-' or '.'");
        }
    }

    // ------------------------------------------------------------------ keys and URLs, for both

    /** {@code current} with {@code added} versions set and {@code retired} ones removed: rotation with overlap. */
    private static Map<String, String> keys(Map<String, String> current, Map<String, String> added, Set<String> retired) {
        Map<String, String> keys = new TreeMap<>(current);
        added.forEach((version, key) -> {
            if (!KEY_VERSION.matcher(version).matches()) {
                throw new AdminRefusal("key version '" + version + "' must be 1-32 letters, digits, '.', '_' or '-'");
            }
            try {
                RsaKeys.publicKey(key);
            } catch (IllegalArgumentException e) {
                throw new AdminRefusal("the key for version " + version + " is not a base64 X.509 RSA public key (PEM armour allowed)");
            }
            keys.put(version, key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        });
        for (String version : retired) {
            if (!keys.containsKey(version)) {
                throw new AdminRefusal("there is no key version " + version + " to retire (versions: " + keys.keySet() + ")");
            }
            if (added.containsKey(version)) {
                throw new AdminRefusal("key version " + version + " is both added and retired");
            }
            keys.remove(version);
        }
        if (keys.isEmpty()) {
            throw new AdminRefusal("that would leave no key: add the new version before retiring the last one");
        }
        return keys;
    }

    private void destination(String option, String url) {
        target.destinations().refusalOf(url).ifPresent(problem -> {
            throw new AdminRefusal(option + " " + url + " " + problem);
        });
    }

    // ------------------------------------------------------------------ entry codes

    /** What {@code entry-code add} was given: registerEntryCode's fields. */
    record EntryCodeRequest(String clientId, String merchantId, String merchantName, String merchantMcc,
                            String merchantDisplayName, String storeId, String storeName, String storeMcc,
                            String storeDisplayName, String currency, String notifyUrl) {
    }

    /**
     * Registers a store's entry code through the same service the merchant API's registerEntryCode runs, as the
     * client: the same field rules, currency, notify URL and merchant checks. A store that has one keeps it.
     */
    Map<String, Object> addEntryCode(EntryCodeRequest request) {
        requireClientId(request.clientId());
        ClientDirectory directory = new ClientDirectory(clients, clock);
        ClientDirectory.KnownClient caller = directory.find(request.clientId())
                .orElseThrow(() -> new AdminRefusal("no live client " + request.clientId()));
        Optional<EntryCode> existing = request.storeId() == null ? Optional.empty()
                : entryCodes.findByStore(request.clientId(), request.merchantId(), request.storeId());
        CodeUrls urls = new CodeUrls(target.publicUrl());
        PaymentStore payments = this.payments;
        CodeStore codeStore = new CodeStore(target.dynamo(), target.table());
        EntryCodes service = new EntryCodes(entryCodes, codeStore, payments, new CodePayments(payments, codeStore, urls, clock),
                directory, urls, new NotifyUrlRule(target.destinations()), clock, 1);
        Map<String, Object> store = JsonObject.create()
                .put("referenceStoreId", request.storeId()).put("storeName", request.storeName())
                .put("storeMCC", request.storeMcc()).put("storeDisplayName", request.storeDisplayName()).build();
        Map<String, Object> body = JsonObject.create()
                .put("merchant", JsonObject.create()
                        .put("referenceMerchantId", request.merchantId()).put("merchantName", request.merchantName())
                        .put("merchantMCC", request.merchantMcc()).put("merchantDisplayName", request.merchantDisplayName())
                        .put("store", store).build())
                .put("currency", request.currency())
                .put("paymentNotifyUrl", request.notifyUrl())
                .build();
        Map<String, Object> answer;
        try {
            answer = service.register(caller, Fields.root(body));
        } catch (ProtocolException e) {
            throw new AdminRefusal(e.code().name() + ": " + e.getMessage());
        }
        EntryCode code = entryCodes.findByStore(request.clientId(), String.valueOf(answer.get("referenceMerchantId")),
                String.valueOf(answer.get("referenceStoreId"))).orElseThrow();
        Map<String, Object> view = view(code);
        if (existing.isEmpty()) {
            record("entry-code add", "entry code " + code.token(), null, view);
        }
        return view;
    }

    Map<String, Object> showEntryCode(String token) {
        return view(entryCodes.find(token).orElseThrow(() -> new AdminRefusal("no entry code " + token)));
    }

    List<Map<String, Object>> listEntryCodes(String clientId) {
        if (clientId != null) {
            requireClientId(clientId);
        }
        return entryCodes.list(clientId).stream().map(this::view).toList();
    }

    String codeValue(String token) {
        return new CodeUrls(target.publicUrl()).codeValue(token);
    }

    // ------------------------------------------------------------------ payments and notifications

    Map<String, Object> showPayment(String paymentId) {
        Payment p = payments.get(paymentId).orElseThrow(() -> new AdminRefusal("no payment " + paymentId));
        List<Map<String, Object>> refundViews = refunds.byPayment(paymentId).stream().map(Admin::view).toList();
        Map<String, Object> notification = notifications.get(MerchantNotices.notificationId(paymentId))
                .map(Admin::view).orElse(null);
        // the changes as far as the record keeps them: each time it holds, in order
        List<Map<String, Object>> history = new ArrayList<>();
        event(history, p.createdAt(), "created");
        event(history, p.paymentTime(), "paid");
        event(history, p.cancelTime(), "cancelled");
        event(history, p.lateSuccessAt(), "late success reported by the wallet");
        event(history, p.updatedAt(), "last changed (" + p.status() + ")");
        history.sort(java.util.Comparator.comparing(m -> (String) m.get("at")));
        return JsonObject.create()
                .put("paymentId", p.paymentId())
                .put("clientId", p.clientId())
                .put("paymentRequestId", p.paymentRequestId())
                .put("scenario", p.scenario().name())
                .put("amount", p.amount().toDecimalString())
                .put("currency", p.amount().currencyCode())
                .put("status", p.status().name())
                .put("cancelState", p.cancelState().name())
                .put("resultCode", p.resultCode())
                .put("resultMessage", p.resultMessage())
                .put("walletId", p.walletId())
                .put("walletPaymentId", p.walletPaymentId())
                .put("paymentCode", p.paymentCodeMask())
                .put("referenceMerchantId", p.order() == null ? null : p.order().referenceMerchantId())
                .put("referenceStoreId", p.order() == null ? null : p.order().referenceStoreId())
                .put("refunded", p.refundedMinor() == 0 ? null
                        : new dev.scanpay.core.money.Money(p.refundedMinor(), p.amount().currency()).toDecimalString())
                .put("expiresAt", time(p.expiresAt()))
                .put("deadlineAt", time(p.deadlineAt()))
                .put("nextCheckAt", time(p.nextCheckAt()))
                .put("checks", p.checkCount())
                .put("history", history)
                .put("refunds", refundViews)
                .put("notification", notification)
                .build();
    }

    /** Every client's dead-lettered notifications (or one client's), oldest first per client. */
    List<Map<String, Object>> undeliveredNotifications(String clientId) {
        if (clientId != null) {
            requireClientId(clientId);
        }
        List<String> ids = clientId != null ? List.of(clientId)
                : clients.registrations().stream().map(r -> r.client().clientId()).toList();
        List<Map<String, Object>> all = new ArrayList<>();
        for (String id : ids) {
            notifications.deadLettered(id, UNDELIVERED_LIMIT).stream()
                    .filter(n -> n.status() == dev.scanpay.core.model.notification.NotificationStatus.DEAD_LETTERED)
                    .map(Admin::view).forEach(all::add);
        }
        return all;
    }

    /**
     * Puts a notification (by its id, or its payment's id) back in the queue, due now with a fresh schedule: the
     * same {@code requeued} edge a merchant's resend takes. The sweeper (every minute in AWS, every 2 s locally)
     * then delivers it, signed with the gateway key, which the operator never needs.
     */
    Map<String, Object> resendNotification(String id) {
        MerchantNotification n = notifications.get(id)
                .or(() -> notifications.get(MerchantNotices.notificationId(id)))
                .orElseThrow(() -> new AdminRefusal("no notification " + id + " (nor one of a payment " + id + ")"));
        if (n.status() == dev.scanpay.core.model.notification.NotificationStatus.SUPERSEDED) {
            throw new AdminRefusal("notification " + n.notificationId() + " was superseded: its payment no longer has that result");
        }
        MerchantNotification after = NotificationDelivery.requeue(notifications, n, clock.instant());
        record("notification resend", "notification " + n.notificationId(), view(n), view(after));
        return view(after);
    }

    // ------------------------------------------------------------------ gateway key, audit

    Map<String, Object> gatewayKey() {
        Target.GatewayPublicKey key = target.gatewayKey();
        return JsonObject.create().put("publicKey", key.publicKey()).put("keyVersion", key.keyVersion())
                .put("source", key.source()).build();
    }

    List<Map<String, Object>> auditSince(Instant since) {
        return audit.since(since).stream().map(e -> JsonObject.create()
                .put("at", time(e.at()))
                .put("who", e.who())
                .put("command", e.command())
                .put("subject", e.subject())
                .put("before", e.before() == null ? null : JSON.parseObject(e.before().getBytes(StandardCharsets.UTF_8)))
                .put("after", e.after() == null ? null : JSON.parseObject(e.after().getBytes(StandardCharsets.UTF_8)))
                .build()).toList();
    }

    private void record(String command, String subject, Map<String, Object> before, Map<String, Object> after) {
        audit.append(clock.instant(), target.who(), command, subject,
                before == null ? null : new String(JSON.write(before), StandardCharsets.UTF_8),
                after == null ? null : new String(JSON.write(after), StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ views: what is shown, printed and audited (never a secret)

    private static Map<String, Object> view(Client c, Instant disabledAt, boolean md5Key) {
        return JsonObject.create()
                .put("clientId", c.clientId())
                .put("name", c.name())
                .put("kind", c.kind().name())
                .put("status", disabledAt == null ? "LIVE" : "DISABLED")
                .put("disabledAt", time(disabledAt))
                .put("publicKeys", new TreeMap<>(c.publicKeys()))
                .put("merchantIds", c.merchantIds().stream().sorted().toList())
                .put("notifyUrls", c.notifyUrlPrefixes().urls())
                .put("notifyUrl", c.notifyUrl())
                .put("legacyPartner", LegacyPartnerId.isWellFormed(c.clientId()) ? c.clientId() : null)
                .put("legacyMd5Key", LegacyPartnerId.isWellFormed(c.clientId()) ? (md5Key ? "set" : "none") : null)
                .put("createdAt", time(c.createdAt()))
                .build();
    }

    private static Map<String, Object> view(Wallet w, Instant disabledAt) {
        return JsonObject.create()
                .put("walletId", w.walletId())
                .put("pspName", w.pspName())
                .put("status", disabledAt == null ? "LIVE" : "DISABLED")
                .put("disabledAt", time(disabledAt))
                .put("endpoint", w.endpoint())
                .put("publicKeys", new TreeMap<>(w.publicKeys()))
                .put("codePrefixes", w.codePrefixes())
                .put("cashierUrl", w.cashierUrl())
                .put("userAgentMarker", w.userAgentMarker())
                .build();
    }

    private Map<String, Object> view(EntryCode c) {
        return JsonObject.create()
                .put("token", c.token())
                .put("codeValue", codeValue(c.token()))
                .put("clientId", c.clientId())
                .put("referenceMerchantId", c.referenceMerchantId())
                .put("merchantName", c.merchantName())
                .put("referenceStoreId", c.referenceStoreId())
                .put("storeName", c.storeName())
                .put("currency", c.currency().getCurrencyCode())
                .put("notifyUrl", c.notifyUrl())
                .put("createdAt", time(c.createdAt()))
                .build();
    }

    private static Map<String, Object> view(Refund r) {
        return JsonObject.create()
                .put("refundId", r.refundId())
                .put("refundRequestId", r.refundRequestId())
                .put("amount", r.amount().toDecimalString())
                .put("currency", r.amount().currencyCode())
                .put("status", r.status().name())
                .put("resultCode", r.resultCode())
                .put("createdAt", time(r.createdAt()))
                .put("refundTime", time(r.refundTime()))
                .put("nextCheckAt", time(r.nextCheckAt()))
                .build();
    }

    private static Map<String, Object> view(MerchantNotification n) {
        return JsonObject.create()
                .put("notificationId", n.notificationId())
                .put("paymentId", n.paymentId())
                .put("clientId", n.clientId())
                .put("url", n.url())
                .put("resultStatus", n.resultStatus())
                .put("status", n.status().name())
                .put("attempts", n.attempts())
                // sends started; more than the attempts when a send's outcome was never recorded (or one is in flight)
                .put("sends", n.claims())
                .put("lastProblem", n.lastProblem())
                .put("createdAt", time(n.createdAt()))
                .put("deliveredAt", time(n.deliveredAt()))
                .put("nextAttemptAt", time(n.nextCheckAt()))
                .build();
    }

    private static void event(List<Map<String, Object>> history, Instant at, String what) {
        if (at != null) {
            history.add(JsonObject.create().put("at", time(at)).put("event", what).build());
        }
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
