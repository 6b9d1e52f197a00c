package dev.scanpay.local;

import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merchant the local commands act as: the demo merchant from the data dir, or any registered client
 * given with --client-id and --key-file (from keygen); and the pay bodies it sends.
 */
final class DemoMerchant {

    final LocalFiles files;
    final Map<String, Object> stack;
    final SignedHttp gateway;
    final String clientId;
    final String merchantId;
    /** --notify-url: where the gateway sends this merchant's payment results; none when not given. */
    final String notifyUrl;

    private DemoMerchant(LocalFiles files, Map<String, Object> stack, SignedHttp gateway, String clientId, String merchantId,
                         String notifyUrl) {
        this.files = files;
        this.stack = stack;
        this.gateway = gateway;
        this.clientId = clientId;
        this.merchantId = merchantId;
        this.notifyUrl = notifyUrl;
    }

    static DemoMerchant from(Args args) {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        if (!Files.exists(files.path("stack.json"))) {
            throw new IllegalArgumentException("no local stack under " + files.dir() + "; start it first");
        }
        Map<String, Object> stack = files.read(files.path("stack.json"));
        Map<String, Object> demo = files.read(files.path("demo-merchant.json"));
        String privateKey = args.get("key-file", null) == null ? (String) demo.get("privateKey")
                : (String) files.read(Path.of(args.get("key-file", null))).get("privateKey");
        MessageSigner signer = new MessageSigner(args.get("client-id", (String) demo.get("clientId")),
                args.get("key-version", (String) demo.get("keyVersion")), RsaKeys.privateKey(privateKey));
        SignedHttp gateway = new SignedHttp((String) stack.get("gatewayUrl"), signer,
                RsaKeys.publicKey((String) demo.get("gatewayPublicKey")));
        return new DemoMerchant(files, stack, gateway, signer.clientId(), args.get("merchant-id", LocalStack.DEMO_MERCHANT_ID),
                args.get("notify-url", null));
    }

    String walletUrl() {
        return (String) stack.get("walletUrl");
    }

    Map<String, Object> post(String path, Map<String, Object> body) throws IOException, InterruptedException {
        return gateway.post(path, body);
    }

    /** @param paymentCode the customer's code for PaymentCode; null for OrderCode */
    Map<String, Object> payBody(String requestId, String scenario, String amount, String currency, String paymentCode) {
        Map<String, Object> value = Map.of("currency", currency, "value", amount);
        Map<String, Object> pay = new LinkedHashMap<>();
        pay.put("productCode", "IN_STORE_PAYMENT");
        pay.put("paymentRequestId", requestId);
        pay.put("paymentMethod", paymentCode == null ? Map.of("paymentMethodType", "CONNECT_WALLET")
                : Map.of("paymentMethodType", "CONNECT_WALLET", "paymentMethodId", paymentCode));
        pay.put("paymentFactor", Map.of("inStorePaymentScenario", scenario));
        pay.put("paymentAmount", value);
        pay.put("order", Map.of("referenceOrderId", requestId, "orderDescription", "Demo order", "orderAmount", value,
                "merchant", Map.of("referenceMerchantId", merchantId, "merchantName", "Demo Merchant", "merchantMCC", "5812",
                        "store", Map.of("referenceStoreId", LocalStack.DEMO_STORE_ID, "storeName", "Demo Store", "storeMCC", "5812")),
                "env", Map.of("storeTerminalId", "T1")));
        if (notifyUrl != null) {
            pay.put("paymentNotifyUrl", notifyUrl);
        }
        return pay;
    }
}
