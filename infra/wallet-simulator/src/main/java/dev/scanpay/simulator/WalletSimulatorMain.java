package dev.scanpay.simulator;

import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone:
 * {@code java -cp ... dev.scanpay.simulator.WalletSimulatorMain --port 8090 --gateway-public-key <base64> --gateway-client-id SCANPAY}.
 * Key options take the base64 text or {@code @path} to a file holding it (PEM armour is tolerated).
 */
public final class WalletSimulatorMain {

    private static final Set<String> OPTIONS = Set.of("--port", "--gateway-public-key", "--gateway-client-id",
            "--wallet-id", "--psp-name", "--code-prefix", "--key-version", "--private-key", "--hang-seconds",
            "--gateway-url", "--cashier-customer", "--user-agent-marker");

    private WalletSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WalletSimulator simulator;
        try {
            simulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("wallet simulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "wallet-simulator-shutdown"));
        stopped.await();
    }

    /** Parses the arguments, starts the simulator and prints what a gateway needs to register it. */
    public static WalletSimulator start(String[] args, PrintStream out) {
        Map<String, String> options = options(args);
        SimulatorConfig.Builder config = SimulatorConfig.builder().port(8090);
        if (options.containsKey("--port")) {
            config.port(integer(options.get("--port"), "--port"));
        }
        if (options.containsKey("--wallet-id")) {
            config.walletId(options.get("--wallet-id"));
        }
        if (options.containsKey("--psp-name")) {
            config.pspName(options.get("--psp-name"));
        }
        if (options.containsKey("--code-prefix")) {
            config.codePrefix(options.get("--code-prefix"));
        }
        if (options.containsKey("--key-version")) {
            config.keyVersion(options.get("--key-version"));
        }
        if (options.containsKey("--hang-seconds")) {
            config.hangDuration(Duration.ofSeconds(integer(options.get("--hang-seconds"), "--hang-seconds")));
        }
        if (options.containsKey("--private-key")) {
            // a fixed key lets a registered wallet survive restarts of the simulator
            PrivateKey privateKey = RsaKeys.privateKey(keyText(options.get("--private-key")));
            config.keyPair(new KeyPair(RsaKeys.publicKeyOf(privateKey), privateKey));
        }
        if (options.containsKey("--cashier-customer")) {
            config.cashierCustomer(options.get("--cashier-customer"));
        }
        if (options.containsKey("--user-agent-marker")) {
            config.userAgentMarker(options.get("--user-agent-marker"));
        }
        String gatewayClientId = options.getOrDefault("--gateway-client-id", "SCANPAY");
        String gatewayKey = options.containsKey("--gateway-public-key") ? keyText(options.get("--gateway-public-key")) : null;
        java.security.PublicKey gatewayPublicKey = gatewayKey == null ? null : RsaKeys.publicKey(gatewayKey);

        SimulatorConfig built = config.build();
        WalletSimulator simulator = WalletSimulator.start(built);
        try {
            if (gatewayPublicKey != null) {
                simulator.trustGateway(gatewayClientId, gatewayPublicKey);
            }
            if (options.containsKey("--gateway-url")) {
                simulator.connectGateway(options.get("--gateway-url"));
            }
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        out.println("Wallet simulator listening");
        out.println("  endpoint      " + simulator.endpoint());
        out.println("  walletId      " + simulator.walletId());
        out.println("  pspName       " + simulator.pspName());
        out.println("  keyVersion    " + simulator.keyVersion());
        out.println("  codePrefixes  " + String.join(",", simulator.codePrefixes()));
        out.println("  publicKey     " + simulator.publicKey());
        if (gatewayPublicKey != null) {
            out.println("  trusts        " + gatewayClientId);
        } else {
            out.println("  trusts        nobody yet: every wallet call is answered INVALID_SIGNATURE until a gateway is");
            out.println("                registered with --gateway-public-key or POST /simulator/gateways");
        }
        out.println("  gateway       " + simulator.gatewayUrl().orElse("none yet: scans and the cashier page need --gateway-url"));
        out.println("  cashierUrl    " + simulator.cashierUrl() + "  (pays as " + built.cashierCustomer()
                + " unless ?customerId= names another)");
        out.println("  userAgent     " + simulator.userAgentMarker() + "  (a browser whose User-Agent contains it is this wallet's)");
        out.println("  payment code  curl -X POST " + simulator.baseUrl() + "/customers/alice/payment-code");
        return simulator;
    }

    static String usage() {
        return "usage: WalletSimulatorMain [--port 8090] [--gateway-public-key <base64|@file>] [--gateway-client-id SCANPAY]\n"
                + "                           [--wallet-id SIMWALLET] [--psp-name SIMPAY] [--code-prefix 2899]\n"
                + "                           [--key-version 1] [--private-key <base64 PKCS#8|@file>] [--hang-seconds 30]\n"
                + "                           [--gateway-url http://127.0.0.1:8080] [--cashier-customer alice]\n"
                + "                           [--user-agent-marker SimWallet]";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            options.put(name, value);
        }
        return options;
    }

    private static int integer(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number");
        }
    }

    private static String keyText(String value) {
        if (!value.startsWith("@")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + value.substring(1), e);
        }
    }
}
