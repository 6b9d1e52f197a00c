package dev.scanpay.bench;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignatureHeader;
import dev.scanpay.core.signing.SignedContent;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.store.WalletStore;
import dev.scanpay.core.model.wallet.Wallet;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import dev.scanpay.simulator.SimulatorConfig;
import dev.scanpay.simulator.WalletSimulator;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What both benchmarks need around the gateway, set up as the tests' GatewayHarness does: DynamoDB Local in
 * memory in this JVM with the table, the wallet simulator on loopback trusting the gateway key and registered
 * as a wallet, and one merchant client with its own key pair.
 */
final class BenchWorld implements AutoCloseable {

    static final String TABLE = "scanpay";
    static final String GATEWAY_CLIENT_ID = "SCANPAY";
    static final String MERCHANT_CLIENT_ID = "BENCH_MERCHANT";

    final EmbeddedDynamo dynamo;
    final DynamoDbClient db;
    final KeyPair gatewayKeys = RsaKeys.generate();
    final KeyPair merchantKeys = RsaKeys.generate();
    final MessageSigner merchantSigner = new MessageSigner(MERCHANT_CLIENT_ID, "1", merchantKeys.getPrivate());
    final WalletSimulator wallet;

    private BenchWorld() {
        dynamo = EmbeddedDynamo.inMemory();
        db = dynamo.client();
        ScanpayTable.ensure(db, TABLE);
        wallet = WalletSimulator.start(SimulatorConfig.defaults());
        wallet.trustGateway(GATEWAY_CLIENT_ID, gatewayKeys.getPublic());
        new WalletStore(db, TABLE).put(new Wallet(wallet.walletId(), wallet.pspName(), wallet.endpoint(),
                wallet.publicKey(), wallet.keyVersion(), wallet.codePrefixes()));
        new ClientStore(db, TABLE).put(new Client(MERCHANT_CLIENT_ID, "Bench Merchant", ClientKind.MERCHANT,
                Map.of("1", RsaKeys.encode(merchantKeys.getPublic())), Set.of(), null,
                // PayRequests name a closed loopback port as the notify URL
                dev.scanpay.core.model.client.NotifyUrlPrefixes.of(java.util.List.of("http://127.0.0.1:9/")), Instant.now()));
    }

    static BenchWorld start() {
        return new BenchWorld();
    }

    String gatewayPrivateKey() {
        return RsaKeys.encode(gatewayKeys.getPrivate());
    }

    /**
     * True when the answer carries a gateway signature over exactly these bytes, made for this merchant, as
     * Alipay's SDKs check it. {@code header} looks a response header up case-insensitively.
     */
    boolean signedByGateway(String path, Function<String, String> header, byte[] body) {
        String responseTime = header.apply("Response-Time");
        String signedFor = header.apply("Client-Id");
        if (responseTime == null || !MERCHANT_CLIENT_ID.equals(signedFor)) {
            return false;
        }
        return SignatureHeader.parse(header.apply("Signature"))
                .map(signature -> RsaSigner.verify(gatewayKeys.getPublic(),
                        SignedContent.of("POST", path, signedFor, responseTime, body), signature.signatureBase64()))
                .orElse(false);
    }

    @Override
    public void close() {
        wallet.close();
        db.close();
        dynamo.close();
    }
}
