package dev.scanpay.local;

import dev.scanpay.codes.QrTerminal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo merchant shows an order code: a signed OrderCode pay, then the code as a QR in the terminal
 * and the command that has a simulator customer scan and pay it.
 */
final class DemoOrderCode {

    private DemoOrderCode() {
    }

    static int run(Args args) throws Exception {
        DemoMerchant merchant = DemoMerchant.from(args);
        String currency = args.get("currency", "JPY");
        String amount = args.get("amount", "880");
        String requestId = "DEMO-OC-" + UUID.randomUUID();
        Map<String, Object> answer = create(merchant, requestId, amount, currency);
        if (!answer.containsKey("orderCodeForm")) {
            System.err.println("pay answered " + new String(LocalFiles.JSON.write(answer)));
            return 1;
        }
        print(answer, requestId, amount, currency);
        return 0;
    }

    /** The signed OrderCode pay; its answer, with orderCodeForm when the code was created. */
    static Map<String, Object> create(DemoMerchant merchant, String requestId, String amount, String currency) throws Exception {
        return merchant.post("/ams/api/v1/payments/pay", merchant.payBody(requestId, "OrderCode", amount, currency, null));
    }

    /** The TEXT code value of an OrderCode pay answer. */
    @SuppressWarnings("unchecked")
    static String codeValue(Map<String, Object> answer) {
        var details = (List<Map<String, Object>>) ((Map<String, Object>) answer.get("orderCodeForm")).get("codeDetails");
        return (String) details.get(0).get("codeValue");
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> answer, String requestId, String amount, String currency) {
        Map<String, Object> form = (Map<String, Object>) answer.get("orderCodeForm");
        List<Map<String, Object>> details = (List<Map<String, Object>>) form.get("codeDetails");
        String codeValue = codeValue(answer);
        System.out.println(QrTerminal.render(codeValue));
        System.out.println("Order code for " + amount + " " + currency + " (minor units), paymentRequestId " + requestId);
        System.out.println("  code value  " + codeValue);
        System.out.println("  image       " + details.get(2).get("codeValue"));
        System.out.println("  expires     " + form.get("expireTime"));
        System.out.println();
        System.out.println("Have simulator customer alice scan and pay it:");
        System.out.println("  ./scanpay-local scan --code " + codeValue);
    }
}
