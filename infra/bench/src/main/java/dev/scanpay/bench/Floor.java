package dev.scanpay.bench;

import dev.scanpay.core.json.Json;
import dev.scanpay.core.rules.PaymentMachine;
import dev.scanpay.core.service.merchant.PayRequest;
import dev.scanpay.core.service.merchant.PayRequestParser;
import dev.scanpay.core.model.payment.PaymentIds;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentCodes;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.protocol.Fields;
import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.core.signing.RsaSigner;
import dev.scanpay.core.signing.SignedContent;
import dev.scanpay.core.store.PaymentStore;
import dev.scanpay.core.store.ScanpayTable;
import dev.scanpay.core.model.wallet.WalletOutcome;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The least one user-presented payment costs, with no HTTP and no framework: the six RSA-2048 operations
 * (three signs) and the three DynamoDB calls the gateway makes for it, with core's own signer and store,
 * against the same DynamoDB Local. With {@code clientCrypto} it also does what the load driver does on the
 * same CPUs in the stack run: the merchant's signature of the request and its check of the answer.
 */
final class Floor {

    static final String TABLE = "floor";
    private static final Json JSON = Json.standalone();

    private final PaymentStore store;
    private final KeyPair merchantKeys;
    private final KeyPair gatewayKeys;
    private final KeyPair walletKeys = RsaKeys.generate();
    private final Clock clock = Clock.systemUTC();

    Floor(BenchWorld world) {
        ScanpayTable.ensure(world.db, TABLE);
        this.store = new PaymentStore(world.db, TABLE);
        this.merchantKeys = world.merchantKeys;
        this.gatewayKeys = world.gatewayKeys;
    }

    LoadRunner.Operation worker(int level, int index, boolean clientCrypto) {
        return new Worker(level + "-" + index + (clientCrypto ? "-c" : ""), clientCrypto);
    }

    private final class Worker implements LoadRunner.Operation {

        private final String prefix;
        private final boolean clientCrypto;
        private final byte[] merchantRequest;
        private final String merchantSignature;
        private final byte[] walletRequest;
        private final byte[] walletAnswer;
        private final byte[] merchantAnswer;
        private final PayRequest template;
        private long sequence;

        Worker(String prefix, boolean clientCrypto) {
            this.prefix = "floor-" + prefix + "-";
            this.clientCrypto = clientCrypto;
            String time = Long.toString(System.currentTimeMillis());
            byte[] body = PayRequests.body("floor-template", "289912345678901234");
            this.template = PayRequestParser.parse(Fields.root(JSON.parseObject(body)));
            // the signed contents of the four messages, at their real sizes
            this.merchantRequest = SignedContent.of("POST", PayRequests.PATH, BenchWorld.MERCHANT_CLIENT_ID, time, body);
            this.merchantSignature = RsaSigner.sign(merchantKeys.getPrivate(), merchantRequest);
            this.walletRequest = SignedContent.of("POST", "/mpp/v1/payments/pay", BenchWorld.GATEWAY_CLIENT_ID, time, walletBody());
            this.walletAnswer = SignedContent.of("POST", "/mpp/v1/payments/pay", BenchWorld.GATEWAY_CLIENT_ID, time, JSON.write(Map.of(
                    "result", Map.of("resultCode", "SUCCESS", "resultStatus", "S", "resultMessage", "success"),
                    "paymentId", "SIMWALLET-20261123020000-000000000001", "paymentTime", "2026-11-23T02:00:00Z",
                    "customerId", "floor-customer",
                    "paymentAmount", Map.of("currency", "USD", "value", "1250"),
                    "payToAmount", Map.of("currency", "USD", "value", "1250"))));
            this.merchantAnswer = SignedContent.of("POST", PayRequests.PATH, BenchWorld.MERCHANT_CLIENT_ID, time, JSON.write(Map.of(
                    "result", Map.of("resultCode", "SUCCESS", "resultStatus", "S", "resultMessage", "success"),
                    "paymentId", "202611230200000000000000000001", "paymentRequestId", "floor-template",
                    "paymentAmount", Map.of("currency", "USD", "value", "1250"),
                    "paymentTime", "2026-11-23T02:00:00Z", "pspName", "SIMPAY")));
        }

        @Override
        public LoadRunner.Sample run() {
            String requestId = prefix + (sequence++);
            long start = System.nanoTime();
            String merchantSig = clientCrypto ? RsaSigner.sign(merchantKeys.getPrivate(), merchantRequest) : merchantSignature;
            // gateway: verify the merchant's request, then the idempotency read
            require(RsaSigner.verify(merchantKeys.getPublic(), merchantRequest, merchantSig), "merchant signature");
            require(store.findRequest(BenchWorld.MERCHANT_CLIENT_ID, requestId).isEmpty(), "fresh request id");
            // gateway: payment and request key in one transaction
            Instant now = clock.instant();
            Payment payment = Payment.builder()
                    .paymentId(PaymentIds.next(clock))
                    .clientId(BenchWorld.MERCHANT_CLIENT_ID)
                    .paymentRequestId(requestId)
                    .scenario(Scenario.USER_PRESENTED)
                    .amount(template.amount())
                    .status(PaymentStatus.PROCESSING)
                    .order(template.order())
                    .paymentCodeMask(PaymentCodes.mask(template.paymentCode()))
                    .notifyUrl(template.notifyUrl())
                    .walletId("SIMWALLET")
                    .createdAt(now)
                    .updatedAt(now)
                    .expiresAt(now.plus(Duration.ofMinutes(2)))
                    .deadlineAt(now.plus(Duration.ofMinutes(2)))
                    .nextCheckAt(now.plusSeconds(10))
                    .build();
            PaymentStore.Creation creation = store.create(payment, template.idempotencyHash());
            require(creation instanceof PaymentStore.Created, "payment created");
            Payment created = ((PaymentStore.Created) creation).payment();
            // gateway signs the wallet request; the wallet verifies it, signs its answer; the gateway verifies that
            String walletSig = RsaSigner.sign(gatewayKeys.getPrivate(), walletRequest);
            require(RsaSigner.verify(gatewayKeys.getPublic(), walletRequest, walletSig), "wallet request signature");
            String walletAnswerSig = RsaSigner.sign(walletKeys.getPrivate(), walletAnswer);
            require(RsaSigner.verify(walletKeys.getPublic(), walletAnswer, walletAnswerSig), "wallet answer signature");
            // gateway: the transition to SUCCESS, then the signed answer
            Payment paid = PaymentMachine.walletAnswered(created,
                    new WalletOutcome.Paid("SIMWALLET-" + requestId, now, "floor-customer"), "SIMPAY", clock.instant()).next();
            require(store.replace(created, paid) instanceof PaymentStore.Applied, "transition applied");
            String answerSig = RsaSigner.sign(gatewayKeys.getPrivate(), merchantAnswer);
            if (clientCrypto) {
                require(RsaSigner.verify(gatewayKeys.getPublic(), merchantAnswer, answerSig), "answer signature");
            }
            return new LoadRunner.Sample(start, System.nanoTime(), "SUCCESS");
        }

        private byte[] walletBody() {
            Map<String, Object> amount = Map.of("currency", "USD", "value", "1250");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("acquirerId", BenchWorld.GATEWAY_CLIENT_ID);
            body.put("pspId", "SIMWALLET");
            body.put("paymentRequestId", "202611230200000000000000000001");
            body.put("paymentAmount", amount);
            body.put("payToAmount", amount);
            body.put("paymentMethod", Map.of("paymentMethodType", "CONNECT_WALLET", "paymentMethodId", "289912345678901234"));
            body.put("paymentFactor", Map.of("inStorePaymentScenario", "PaymentCode"));
            body.put("order", Map.of("referenceOrderId", "order-floor", "orderDescription", "Two flat whites",
                    "orderAmount", amount, "merchant", Map.of("referenceMerchantId", "M-1001", "merchantName", "Harbour Coffee",
                            "merchantMCC", "5814")));
            body.put("paymentExpiryTime", "2026-11-23T02:02:00Z");
            body.put("paymentNotifyUrl", "http://127.0.0.1:8080/aps/api/v1/payments/notifyPayment");
            return JSON.write(body);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("floor step failed: " + what);
        }
    }

    static String describe() {
        return "per payment: RSA verify of the merchant request, GetItem of the request key, TransactWriteItems "
                + "(payment + request key), RSA sign of the wallet request, RSA verify of it (the wallet), RSA sign of the "
                + "wallet answer, RSA verify of it, PutItem of the transition to SUCCESS, RSA sign of the merchant answer";
    }
}
