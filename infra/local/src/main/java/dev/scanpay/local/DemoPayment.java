package dev.scanpay.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        DemoMerchant merchant = DemoMerchant.from(args);
        String customer = args.get("customer", "alice");
        String currency = args.get("currency", "USD");
        String amount = args.get("amount", "1250");

        HttpClient http = HttpClient.newHttpClient();
        String walletUrl = merchant.walletUrl();
        HttpResponse<byte[]> codeResponse = http.send(HttpRequest.newBuilder(
                        URI.create(walletUrl + "/customers/" + customer + "/payment-code"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        String code = (String) LocalFiles.JSON.parseObject(codeResponse.body()).get("paymentCode");
        System.out.println("1. " + customer + " shows payment code " + code.substring(0, 4) + "…" + code.substring(code.length() - 4)
                + " (from " + walletUrl + ")");

        String requestId = "DEMO-" + UUID.randomUUID();
        System.out.println("2. " + merchant.clientId + ": POST /ams/api/v1/payments/pay  paymentRequestId=" + requestId + " amount=" + amount + " " + currency);
        Map<String, Object> answer = merchant.post("/ams/api/v1/payments/pay",
                merchant.payBody(requestId, "PaymentCode", amount, currency, code));
        System.out.println("   answer (signature verified): " + new String(LocalFiles.JSON.write(answer)));
        Map<String, Object> inquiry = merchant.post("/ams/api/v1/payments/inquiryPayment", Map.of("paymentRequestId", requestId));
        System.out.println("3. POST /ams/api/v1/payments/inquiryPayment -> paymentStatus " + inquiry.get("paymentStatus"));
        return "SUCCESS".equals(inquiry.get("paymentStatus")) ? 0 : 1;
    }
}
