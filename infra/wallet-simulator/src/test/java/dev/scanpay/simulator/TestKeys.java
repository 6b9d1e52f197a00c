package dev.scanpay.simulator;

import dev.scanpay.core.signing.RsaKeys;
import java.security.KeyPair;

/** RSA keys generated once per test run: generating 2048-bit keys per test would dominate the run time. */
final class TestKeys {

    static final KeyPair GATEWAY = RsaKeys.generate();
    static final KeyPair WALLET = RsaKeys.generate();
    static final KeyPair STRANGER = RsaKeys.generate();

    private TestKeys() {
    }
}
