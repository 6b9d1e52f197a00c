package dev.scanpay.core.config;

import dev.scanpay.core.service.notify.NotificationDelivery;
import dev.scanpay.core.model.ledger.BusinessDay;
import java.time.ZoneId;
import dev.scanpay.core.outbound.DestinationRules;
import dev.scanpay.core.service.wallet.WalletClient;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting a deployment can change, read here and nowhere else, with its default; the README's
 * "Settings" table lists the same names and defaults. Each property can come from an environment variable
 * in the usual Micronaut way: {@code scanpay.gateway.public-url} is {@code SCANPAY_GATEWAY_PUBLIC_URL}.
 *
 * <p>What is not here is not a setting: the inquiry, cancel and refund-check timetables and the payment windows
 * are the protocol's ({@code FollowUpSchedule}), the notification schedule is Antom's ({@code NotificationSchedule}),
 * and both are declared once in those classes.
 */
@Singleton
public final class GatewayConfig {

    /** Where the local stack listens by default. */
    public static final String DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080";

    /** Slack on top of everything one notification attempt can spend (see {@link #notificationLease()}). */
    static final Duration NOTIFICATION_LEASE_SLACK = Duration.ofSeconds(1);

    private final String table;
    private final String dynamoEndpoint;
    private final String clientId;
    private final String publicUrl;
    private final String keySecretId;
    private final String keyFile;
    private final String privateKey;
    private final String keyVersion;
    private final String legacyMd5KeysSecretId;
    private final String legacyMd5KeysFile;
    private final String legacyMd5KeysJson;
    private final WalletClient.WalletTimeouts walletTimeouts;
    private final Duration notifyTimeout;
    private final Duration connectTimeout;
    private final int maxAnswerBytes;
    private final boolean allowLoopback;
    private final boolean requireHttps;
    private final int sweeperPageSize;
    private final Duration sweeperBudget;
    private final int entryCodeMaxOpenPerStore;
    private final Duration dynamoAttemptTimeout;
    private final Duration dynamoCallTimeout;
    private final int dynamoMaxAttempts;
    private final Duration apiDeadline;
    private final Duration payDeadline;
    private final BusinessDay businessDay;
    private final String reportsBucket;
    private final String reportsDir;
    private final String metricsNamespace;
    private final boolean primingEnabled;
    private final boolean primingTableRead;

    @Inject
    public GatewayConfig(@Value("${scanpay.table:scanpay}") String table,
                         @Nullable @Value("${scanpay.dynamodb.endpoint:}") String dynamoEndpoint,
                         @Value("${scanpay.gateway.client-id:SCANPAY}") String clientId,
                         @Nullable @Value("${scanpay.gateway.public-url:}") String publicUrl,
                         @Nullable @Value("${scanpay.gateway.key.secret-id:}") String keySecretId,
                         @Nullable @Value("${scanpay.gateway.key.file:}") String keyFile,
                         @Nullable @Value("${scanpay.gateway.key.private-key:}") String privateKey,
                         @Value("${scanpay.gateway.key.key-version:1}") String keyVersion,
                         @Nullable @Value("${scanpay.legacy.md5-keys.secret-id:}") String legacyMd5KeysSecretId,
                         @Nullable @Value("${scanpay.legacy.md5-keys.file:}") String legacyMd5KeysFile,
                         @Nullable @Value("${scanpay.legacy.md5-keys.json:}") String legacyMd5KeysJson,
                         @Value("${scanpay.wallet.timeout.pay:4s}") Duration payTimeout,
                         @Value("${scanpay.wallet.timeout.inquiry:5s}") Duration inquiryTimeout,
                         @Value("${scanpay.wallet.timeout.cancel:5s}") Duration cancelTimeout,
                         @Value("${scanpay.outbound.notify-timeout:5s}") Duration notifyTimeout,
                         @Value("${scanpay.outbound.connect-timeout:2s}") Duration connectTimeout,
                         @Value("${scanpay.outbound.max-answer-bytes:65536}") int maxAnswerBytes,
                         @Value("${scanpay.outbound.allow-loopback:false}") boolean allowLoopback,
                         @Value("${scanpay.outbound.require-https:true}") boolean requireHttps,
                         @Value("${scanpay.sweeper.page-size:100}") int sweeperPageSize,
                         @Value("${scanpay.sweeper.budget:35s}") Duration sweeperBudget,
                         @Value("${scanpay.entry-codes.max-open-per-store:20}") int entryCodeMaxOpenPerStore,
                         @Value("${scanpay.dynamodb.attempt-timeout:1s}") Duration dynamoAttemptTimeout,
                         @Value("${scanpay.dynamodb.call-timeout:3s}") Duration dynamoCallTimeout,
                         @Value("${scanpay.dynamodb.max-attempts:3}") int dynamoMaxAttempts,
                         @Value("${scanpay.api.deadline:12s}") Duration apiDeadline,
                         @Value("${scanpay.api.pay-deadline:4500ms}") Duration payDeadline,
                         @Value("${scanpay.ledger.business-day-zone:+08}") String businessDayZone,
                         @Nullable @Value("${scanpay.reports.bucket:}") String reportsBucket,
                         @Value("${scanpay.reports.dir:scanpay-data/reports}") String reportsDir,
                         @Value("${scanpay.metrics.namespace:Scanpay}") String metricsNamespace,
                         @Value("${scanpay.priming.enabled:true}") boolean primingEnabled,
                         @Value("${scanpay.priming.table-read:true}") boolean primingTableRead) {
        this.table = table;
        this.dynamoEndpoint = blankToNull(dynamoEndpoint);
        this.clientId = clientId;
        // defaulted here: in a placeholder's default, Micronaut reads every ':' of a URL as a separator
        String url = blankToNull(publicUrl) == null ? DEFAULT_PUBLIC_URL : publicUrl;
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.keySecretId = blankToNull(keySecretId);
        this.keyFile = blankToNull(keyFile);
        this.privateKey = blankToNull(privateKey);
        this.keyVersion = keyVersion;
        this.legacyMd5KeysSecretId = blankToNull(legacyMd5KeysSecretId);
        this.legacyMd5KeysFile = blankToNull(legacyMd5KeysFile);
        this.legacyMd5KeysJson = blankToNull(legacyMd5KeysJson);
        this.walletTimeouts = new WalletClient.WalletTimeouts(payTimeout, inquiryTimeout, cancelTimeout);
        this.notifyTimeout = notifyTimeout;
        this.connectTimeout = connectTimeout;
        this.maxAnswerBytes = maxAnswerBytes;
        this.allowLoopback = allowLoopback;
        this.requireHttps = requireHttps;
        if (entryCodeMaxOpenPerStore < 1) {
            throw new IllegalArgumentException("scanpay.entry-codes.max-open-per-store must be at least 1");
        }
        this.sweeperPageSize = sweeperPageSize;
        this.sweeperBudget = sweeperBudget;
        this.entryCodeMaxOpenPerStore = entryCodeMaxOpenPerStore;
        if (dynamoCallTimeout.compareTo(dynamoAttemptTimeout) < 0 || dynamoMaxAttempts < 1) {
            throw new IllegalArgumentException("scanpay.dynamodb.call-timeout must be at least scanpay.dynamodb.attempt-timeout,"
                    + " and scanpay.dynamodb.max-attempts at least 1");
        }
        this.dynamoAttemptTimeout = dynamoAttemptTimeout;
        this.dynamoCallTimeout = dynamoCallTimeout;
        this.dynamoMaxAttempts = dynamoMaxAttempts;
        // a deadline shorter than the wallet's own wait would answer U for every slow but final wallet answer
        if (payDeadline.compareTo(payTimeout) <= 0) {
            throw new IllegalArgumentException("scanpay.api.pay-deadline must be longer than scanpay.wallet.timeout.pay");
        }
        if (apiDeadline.compareTo(inquiryTimeout) <= 0 || apiDeadline.compareTo(cancelTimeout) <= 0) {
            throw new IllegalArgumentException("scanpay.api.deadline must be longer than the wallet inquiry and cancel timeouts");
        }
        this.apiDeadline = apiDeadline;
        this.payDeadline = payDeadline;
        this.businessDay = new BusinessDay(ZoneId.of(businessDayZone));
        this.reportsBucket = blankToNull(reportsBucket);
        this.reportsDir = reportsDir;
        this.metricsNamespace = metricsNamespace;
        this.primingEnabled = primingEnabled;
        this.primingTableRead = primingTableRead;
    }

    /**
     * The settings given in {@code properties} (by their property names), every other one at its default:
     * for tools and tests that build the gateway's parts without an application context.
     */
    public static GatewayConfig of(Map<String, Object> properties) {
        // the defaults are the constructor's own @Value placeholders, so they are written once
        Constructor<?> constructor = injected();
        Class<?>[] types = constructor.getParameterTypes();
        List<Map.Entry<String, String>> settings = List.copyOf(defaults().entrySet());
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object raw = properties.getOrDefault(settings.get(i).getKey(), settings.get(i).getValue());
            args[i] = ConversionService.SHARED.convertRequired(raw, types[i]);
        }
        try {
            return (GatewayConfig) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every property this class reads, in the constructor's order, with its default as written ("" for none). */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Parameter parameter : injected().getParameters()) {
            String placeholder = parameter.getAnnotation(Value.class).value();   // ${name:default}
            String inner = placeholder.substring(2, placeholder.length() - 1);
            int colon = inner.indexOf(':');
            defaults.put(inner.substring(0, colon), inner.substring(colon + 1));
        }
        return defaults;
    }

    private static Constructor<?> injected() {
        return Arrays.stream(GatewayConfig.class.getConstructors())
                .filter(c -> c.isAnnotationPresent(Inject.class)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ the table and the gateway itself

    public String table() { return table; }
    /** An endpoint override (DynamoDB Local); null in AWS. */
    public String dynamoEndpoint() { return dynamoEndpoint; }
    /** The gateway's Client-Id toward wallets, and its acquirerId. */
    public String clientId() { return clientId; }
    /** Base URL the outside world reaches the gateway at (wallet callbacks, code pages). */
    public String publicUrl() { return publicUrl; }
    public String keySecretId() { return keySecretId; }
    public String keyFile() { return keyFile; }
    public String privateKey() { return privateKey; }
    public String keyVersion() { return keyVersion; }
    /** The CloudWatch namespace of the gateway's metrics (the template sets one per stack). */
    public String metricsNamespace() { return metricsNamespace; }

    // ------------------------------------------------------------------ priming (every function)

    /** Whether the request path is run once, without side effects, at init and before a SnapStart snapshot. */
    public boolean primingEnabled() { return primingEnabled; }
    /** Whether priming reads a payment that cannot exist: off where the function's role may not read payments. */
    public boolean primingTableRead() { return primingTableRead; }

    // ------------------------------------------------------------------ DynamoDB calls (every function)

    /**
     * One attempt of one DynamoDB call; a stalled connection is abandoned after this and the call retried.
     * DynamoDB answers a single-item write in milliseconds, so a second is already a stall.
     */
    public Duration dynamoAttemptTimeout() { return dynamoAttemptTimeout; }
    /**
     * One DynamoDB call with its retries. The SDK's default has no bound (a 5 s stall cost a merchant 30 s);
     * this one keeps a pay's few calls and its wallet wait inside its deadline.
     */
    public Duration dynamoCallTimeout() { return dynamoCallTimeout; }
    /** Attempts of one DynamoDB call, the first included (the SDK's default for DynamoDB is 9). */
    public int dynamoMaxAttempts() { return dynamoMaxAttempts; }

    // ------------------------------------------------------------------ answers to merchants and wallets

    /**
     * The longest any merchant or wallet call waits for its answer before it is answered U: under the 15 s read
     * timeout of Alipay's SDKs and well under the API functions' 30 s Lambda timeout (a template test checks).
     */
    public Duration apiDeadline() { return apiDeadline; }
    /**
     * The same for a merchant's pay (AMS and legacy), which waits for the wallet's answer: Alipay's merchant SDK
     * reads a pay's answer for 5 s, so it is answered before that.
     */
    public Duration payDeadline() { return payDeadline; }

    // ------------------------------------------------------------------ legacy partners' MD5 keys (secrets)

    /** The Secrets Manager secret holding {@code {"<partner>": "<md5Key>", ...}} (AWS). */
    public String legacyMd5KeysSecretId() { return legacyMd5KeysSecretId; }
    /** A JSON file of the same shape (the local stack). */
    public String legacyMd5KeysFile() { return legacyMd5KeysFile; }
    /** The same JSON given as a property (tests). */
    public String legacyMd5KeysJson() { return legacyMd5KeysJson; }

    // ------------------------------------------------------------------ calls to wallets

    /** How long the gateway waits for a wallet's pay (the merchant's pay call waits as long), inquiry and cancel. */
    public WalletClient.WalletTimeouts walletTimeouts() { return walletTimeouts; }

    // ------------------------------------------------------------------ every call out (notifications, wallets)

    /** The whole exchange of one notification attempt: connect, send, headers and body. */
    public Duration notifyTimeout() { return notifyTimeout; }
    /** How long a claimed notification attempt keeps other senders off it: longer than the attempt itself. */
    /**
     * How long a claimed attempt keeps other senders off it: everything the attempt can spend, so two senders never
     * deliver the same attempt at once and an acknowledged one is not sent again while its outcome is being written.
     * That is the claim's own write, the send, the outcome's tries and the read after a lost answer (each DynamoDB call
     * up to its call timeout), and a second: 5 + 3 x (1 + 3 + 1) + 1 = 21 s as deployed.
     */
    public Duration notificationLease() {
        return notifyTimeout.plus(dynamoCallTimeout.multipliedBy(NotificationDelivery.OUTCOME_TRIES + 2L))
                .plus(NOTIFICATION_LEASE_SLACK);
    }
    /** Connecting to one address; the call's own deadline bounds it too. */
    public Duration connectTimeout() { return connectTimeout; }
    /** The most of an answer that is read; a longer one is ANSWER_TOO_LARGE. */
    public int maxAnswerBytes() { return maxAnswerBytes; }
    /**
     * Whether loopback destinations are allowed and plain http too. The defaults are what a deployment gets:
     * loopback refused, https required. Only the local stack and the test harnesses change them; the Lambda
     * functions never set either (a template test checks).
     */
    public DestinationRules destinationRules() {
        return new DestinationRules(allowLoopback, requireHttps);
    }

    // ------------------------------------------------------------------ the status sweeper

    /** How many due items one query of the sweeper reads. */
    public int sweeperPageSize() { return sweeperPageSize; }
    /** How long one sweeper run takes new work; leaves room under the function's 60 s timeout for its last calls. */
    public Duration sweeperBudget() { return sweeperBudget; }

    // ------------------------------------------------------------------ entry codes

    /**
     * How many payments started from one store's public page may be open (CREATED or PROCESSING) at once:
     * a page is public, so this bounds what strangers can make the store hold.
     */
    public int entryCodeMaxOpenPerStore() { return entryCodeMaxOpenPerStore; }

    // ------------------------------------------------------------------ the ledger and its reports

    /**
     * Where one business day ends: ledger entries are filed, and daily reports cut, at midnight in this zone
     * ({@code +08}, UTC+8, as Alipay's files are; any zone id or offset, e.g. {@code Z} or {@code Asia/Tokyo}).
     */
    public BusinessDay businessDay() { return businessDay; }
    /** The S3 bucket the daily reports are written to and linked from (AWS); null means {@link #reportsDir()}. */
    public String reportsBucket() { return reportsBucket; }
    /** The directory the daily reports are written to when there is no bucket (the local stack's DIR/reports). */
    public String reportsDir() { return reportsDir; }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
