package dev.scanpay.simulator;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link WalletSimulator}. Build it with {@link #builder()}; every field has a default.
 *
 * @param port         0 picks an ephemeral port (tests); the local stack uses 8090
 * @param walletId     the wallet's id, also its pspId and the Client-Id it signs as
 * @param pspName      the wallet's display name
 * @param codePrefix   the leading digits of every payment code it issues (codes are 18 digits)
 * @param keyVersion   the keyVersion its Signature headers carry
 * @param clock        the only source of time for codes, settling and answers; tests move it
 * @param hangDuration how long (real time) a call that gets no answer holds its connection
 * @param keyPair      the wallet's RSA key pair; null means one is generated at start
 * @param cashierCustomer    who pays on the cashier page when the page's URL names nobody
 * @param userAgentMarker    what a browser's User-Agent contains when it is this wallet's app; the gateway
 *                           uses it to pick this wallet for an entry code opened in a browser
 * @param notifyPollInterval how often (real time) a background thread sends the notifications that are due
 *                           on the clock; zero means no thread, only {@link WalletSimulator#deliverDueNotifications()}
 */
public record SimulatorConfig(int port, String walletId, String pspName, String codePrefix, String keyVersion,
                              Clock clock, Duration hangDuration, KeyPair keyPair, String cashierCustomer,
                              String userAgentMarker, Duration notifyPollInterval) {

    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_WALLET_ID = "SIMWALLET";
    public static final String DEFAULT_PSP_NAME = "SIMPAY";
    public static final String DEFAULT_CODE_PREFIX = "2899";
    public static final String DEFAULT_KEY_VERSION = "1";
    public static final Duration DEFAULT_HANG = Duration.ofSeconds(30);
    public static final String DEFAULT_CASHIER_CUSTOMER = "alice";
    public static final String DEFAULT_USER_AGENT_MARKER = "SimWallet";
    public static final Duration DEFAULT_NOTIFY_POLL = Duration.ofMillis(100);

    public SimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        requireText(walletId, "walletId");
        requireText(pspName, "pspName");
        requireText(keyVersion, "keyVersion");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hangDuration, "hangDuration");
        if (hangDuration.isNegative()) {
            throw new IllegalArgumentException("hangDuration must not be negative");
        }
        requireText(userAgentMarker, "userAgentMarker");
        Objects.requireNonNull(notifyPollInterval, "notifyPollInterval");
        if (notifyPollInterval.isNegative()) {
            throw new IllegalArgumentException("notifyPollInterval must not be negative");
        }
        if (cashierCustomer == null || cashierCustomer.isBlank() || cashierCustomer.length() > 64) {
            throw new IllegalArgumentException("cashierCustomer must be 1 to 64 characters");
        }
        // codes are 18 digits; leave at least 6 random ones so they do not collide
        if (codePrefix == null || !codePrefix.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("codePrefix must be 1 to 12 digits");
        }
    }

    public static SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().port(port).walletId(walletId).pspName(pspName).codePrefix(codePrefix)
                .keyVersion(keyVersion).clock(clock).hangDuration(hangDuration).keyPair(keyPair)
                .cashierCustomer(cashierCustomer).userAgentMarker(userAgentMarker).notifyPollInterval(notifyPollInterval);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String walletId = DEFAULT_WALLET_ID;
        private String pspName = DEFAULT_PSP_NAME;
        private String codePrefix = DEFAULT_CODE_PREFIX;
        private String keyVersion = DEFAULT_KEY_VERSION;
        private Clock clock = Clock.systemUTC();
        private Duration hangDuration = DEFAULT_HANG;
        private KeyPair keyPair;
        private String cashierCustomer = DEFAULT_CASHIER_CUSTOMER;
        private String userAgentMarker = DEFAULT_USER_AGENT_MARKER;
        private Duration notifyPollInterval = DEFAULT_NOTIFY_POLL;

        private Builder() {
        }

        public Builder port(int v) { port = v; return this; }
        public Builder walletId(String v) { walletId = v; return this; }
        public Builder pspName(String v) { pspName = v; return this; }
        public Builder codePrefix(String v) { codePrefix = v; return this; }
        public Builder keyVersion(String v) { keyVersion = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder hangDuration(Duration v) { hangDuration = v; return this; }
        public Builder keyPair(KeyPair v) { keyPair = v; return this; }
        public Builder cashierCustomer(String v) { cashierCustomer = v; return this; }
        public Builder userAgentMarker(String v) { userAgentMarker = v; return this; }
        public Builder notifyPollInterval(Duration v) { notifyPollInterval = v; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(port, walletId, pspName, codePrefix, keyVersion, clock, hangDuration, keyPair,
                    cashierCustomer, userAgentMarker, notifyPollInterval);
        }
    }

    @Override
    public String toString() {
        // never print the private key
        return "SimulatorConfig[port=" + port + ", walletId=" + walletId + ", pspName=" + pspName + ", codePrefix="
                + codePrefix + ", keyVersion=" + keyVersion + ", hangDuration=" + hangDuration + ", cashierCustomer="
                + cashierCustomer + ", userAgentMarker=" + userAgentMarker + ", notifyPollInterval=" + notifyPollInterval + "]";
    }
}
