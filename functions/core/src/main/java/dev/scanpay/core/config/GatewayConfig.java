package dev.scanpay.core.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The gateway's settings. Every property can come from an environment variable in the usual Micronaut
 * way: scanpay.gateway.public-url is SCANPAY_GATEWAY_PUBLIC_URL.
 */
@Singleton
public final class GatewayConfig {

    /** Where the local stack listens by default. */
    public static final String DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080";

    private final String table;
    private final String dynamoEndpoint;
    private final String clientId;
    private final String publicUrl;
    private final String keySecretId;
    private final String keyFile;
    private final String privateKey;
    private final String keyVersion;
    private final Duration payTimeout;
    private final Duration inquiryTimeout;
    private final Duration cancelTimeout;

    public GatewayConfig(@Value("${scanpay.table:scanpay}") String table,
                         @Nullable @Value("${scanpay.dynamodb.endpoint:}") String dynamoEndpoint,
                         @Value("${scanpay.gateway.client-id:SCANPAY}") String clientId,
                         @Nullable @Value("${scanpay.gateway.public-url:}") String publicUrl,
                         @Nullable @Value("${scanpay.gateway.key.secret-id:}") String keySecretId,
                         @Nullable @Value("${scanpay.gateway.key.file:}") String keyFile,
                         @Nullable @Value("${scanpay.gateway.key.private-key:}") String privateKey,
                         @Value("${scanpay.gateway.key.key-version:1}") String keyVersion,
                         @Value("${scanpay.wallet.timeout.pay:4s}") Duration payTimeout,
                         @Value("${scanpay.wallet.timeout.inquiry:5s}") Duration inquiryTimeout,
                         @Value("${scanpay.wallet.timeout.cancel:5s}") Duration cancelTimeout) {
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
        this.payTimeout = payTimeout;
        this.inquiryTimeout = inquiryTimeout;
        this.cancelTimeout = cancelTimeout;
    }

    public String table() { return table; }
    public String dynamoEndpoint() { return dynamoEndpoint; }
    /** The gateway's Client-Id toward wallets, and its acquirerId. */
    public String clientId() { return clientId; }
    /** Base URL the outside world reaches the gateway at (wallet callbacks, code pages). */
    public String publicUrl() { return publicUrl; }
    public String keySecretId() { return keySecretId; }
    public String keyFile() { return keyFile; }
    public String privateKey() { return privateKey; }
    public String keyVersion() { return keyVersion; }
    public Duration payTimeout() { return payTimeout; }
    public Duration inquiryTimeout() { return inquiryTimeout; }
    public Duration cancelTimeout() { return cancelTimeout; }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
