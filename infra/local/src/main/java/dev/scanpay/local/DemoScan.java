package dev.scanpay.local;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A simulator customer scans a code with the wallet (userInitiatedPay, then notifyPayment by the customer's
 * behaviour); then the demo merchant inquires until the payment is final. Exit code 0 on SUCCESS.
 */
final class DemoScan {

    private static final Duration WAIT_FOR_RESULT = Duration.ofSeconds(20);

    private DemoScan() {
    }

    static int run(Args args) throws Exception {
        DemoMerchant merchant = DemoMerchant.from(args);
        String codeValue = args.get("code", null);
        if (codeValue == null) {
            throw new IllegalArgumentException("scan needs --code CODE_VALUE (the code value order-code printed)");
        }
        String customer = args.get("customer", "alice");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        merchant.walletUrl() + "/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "/scan"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(LocalFiles.JSON.write(Map.of("codeValue", codeValue))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> scan = LocalFiles.JSON.parseObject(response.body());
        System.out.println("1. " + customer + " scans the code in the wallet: " + new String(response.body(), StandardCharsets.UTF_8));
        if (!Boolean.TRUE.equals(scan.get("scanned"))) {
            return 1;
        }
        String paymentId = (String) scan.get("paymentRequestId");
        long deadline = System.nanoTime() + WAIT_FOR_RESULT.toNanos();
        Object status;
        do {
            Map<String, Object> inquiry = merchant.post("/ams/api/v1/payments/inquiryPayment", Map.of("paymentId", paymentId));
            status = inquiry.get("paymentStatus");
            if (!"PROCESSING".equals(status)) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        System.out.println("2. " + merchant.clientId + ": inquiryPayment " + paymentId + " -> paymentStatus " + status);
        return "SUCCESS".equals(status) ? 0 : 1;
    }
}
