package dev.scanpay.local;

import dev.scanpay.core.signing.MessageSigner;
import dev.scanpay.core.signing.RsaKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The printed example: a simulator customer shows a payment code, the demo merchant scans it and calls
 * pay (signed), then inquiryPayment. Exit code 0 when the payment ends SUCCESS.
 */
final class DemoPayment {

    private DemoPayment() {
    }

    static int run(Args args) throws Exception {
        LocalFiles files = new LocalFiles(Path.of(args.get("data-dir", ScanpayLocal.DEFAULT_DATA_DIR)).toAbsolutePath());
        if (!Files.exists(files.path("stack.json"))) {
            throw new IllegalArgumentException("no local stack under " + files.dir() + "; start it first");
        }
        Map<String, Object> stack = files.read(files.path("stack.json"));
        Map<String, Object> demo = files.read(files.path("demo-merchant.json"));
        String customer = args.get("customer", "alice");
        String currency = args.get("currency", "USD");
        String amount = args.get("amount", "1250");

        HttpClient http = HttpClient.newHttpClient();
        String walletUrl = (String) stack.get("walletUrl");
        HttpResponse<byte[]> codeResponse = http.send(HttpRequest.newBuilder(
                        URI.create(walletUrl + "/customers/" + customer + "/payment-code"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        String code = (String) LocalFiles.JSON.parseObject(codeResponse.body()).get("paymentCode");
        System.out.println("1. " + customer + " shows payment code " + code.substring(0, 4) + "…" + code.substring(code.length() - 4)
                + " (from " + walletUrl + ")");

        // the demo merchant by default; any registered client with --client-id and --key-file (from keygen)
        String privateKey = args.get("key-file", null) == null ? (String) demo.get("privateKey")
                : (String) files.read(Path.of(args.get("key-file", null))).get("privateKey");
        MessageSigner signer = new MessageSigner(args.get("client-id", (String) demo.get("clientId")),
                args.get("key-version", (String) demo.get("keyVersion")), RsaKeys.privateKey(privateKey));
        String merchantId = args.get("merchant-id", "DEMO-M1");
        SignedHttp gateway = new SignedHttp((String) stack.get("gatewayUrl"), signer,
                RsaKeys.publicKey((String) demo.get("gatewayPublicKey")));
        String requestId = "DEMO-" + UUID.randomUUID();
        Map<String, Object> value = Map.of("currency", currency, "value", amount);
        Map<String, Object> pay = new LinkedHashMap<>();
        pay.put("productCode", "IN_STORE_PAYMENT");
        pay.put("paymentRequestId", requestId);
        pay.put("paymentMethod", Map.of("paymentMethodType", "CONNECT_WALLET", "paymentMethodId", code));
        pay.put("paymentFactor", Map.of("inStorePaymentScenario", "PaymentCode"));
        pay.put("paymentAmount", value);
        pay.put("order", Map.of("referenceOrderId", requestId, "orderDescription", "Demo order", "orderAmount", value,
                "merchant", Map.of("referenceMerchantId", merchantId, "merchantName", "Demo Merchant", "merchantMCC", "5812",
                        "store", Map.of("referenceStoreId", "DEMO-S1", "storeName", "Demo Store", "storeMCC", "5812")),
                "env", Map.of("storeTerminalId", "T1")));
        System.out.println("2. " + signer.clientId() + ": POST /ams/api/v1/payments/pay  paymentRequestId=" + requestId + " amount=" + amount + " " + currency);
        Map<String, Object> answer = gateway.post("/ams/api/v1/payments/pay", pay);
        System.out.println("   answer (signature verified): " + new String(LocalFiles.JSON.write(answer)));
        Map<String, Object> inquiry = gateway.post("/ams/api/v1/payments/inquiryPayment", Map.of("paymentRequestId", requestId));
        System.out.println("3. POST /ams/api/v1/payments/inquiryPayment -> paymentStatus " + inquiry.get("paymentStatus"));
        return "SUCCESS".equals(inquiry.get("paymentStatus")) ? 0 : 1;
    }
}
