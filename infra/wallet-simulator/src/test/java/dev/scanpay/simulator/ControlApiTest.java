package dev.scanpay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.simulator.TestGateway.Plain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ControlApiTest extends SimulatorTestSupport {

    @Test
    void paymentCodeContract() throws Exception {
        Plain response = gateway.control("POST", "/customers/alice/payment-code", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = response.jsonBody();
        assertThat(body).containsOnlyKeys("paymentCode");
        assertThat((String) body.get("paymentCode")).matches("2899\\d{14}");
        // the code works at the wallet API
        assertThat(gateway.pay("PAY-1", (String) body.get("paymentCode"), 100, "USD").resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void issuingACodeCreatesTheCustomerWithDefaultBalances() throws Exception {
        gateway.control("POST", "/customers/bob/payment-code", null);

        Plain response = gateway.control("GET", "/customers/bob", null);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.jsonBody();
        assertThat(body.get("customerId")).isEqualTo("bob");
        assertThat(body.get("behaviour")).isEqualTo("SUCCESS");
        @SuppressWarnings("unchecked")
        Map<String, Object> balances = (Map<String, Object>) body.get("balances");
        assertThat(balances).containsEntry("USD", "500000").containsEntry("JPY", "1000000")
                .containsEntry("KWD", "2000000").containsEntry("HKD", "5000000").containsKeys("EUR", "GBP", "SGD", "CNY", "KRW");
    }

    @Test
    void putConfiguresTheCustomer() throws Exception {
        Plain response = gateway.control("PUT", "/customers/carol",
                "{\"behaviour\":\"DECLINE\",\"declineCode\":\"USER_NOT_EXIST\",\"settleAfterSeconds\":3,"
                        + "\"refundBehaviour\":\"REFUND_IN_PROCESS\",\"balances\":{\"USD\":\"1000\",\"JPY\":42}}");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.jsonBody();
        assertThat(body).containsEntry("behaviour", "DECLINE").containsEntry("declineCode", "USER_NOT_EXIST")
                .containsEntry("refundBehaviour", "REFUND_IN_PROCESS");
        assertThat(((Number) body.get("settleAfterSeconds")).longValue()).isEqualTo(3);
        assertThat(simulator.balance("carol", "USD")).isEqualTo(1000);
        assertThat(simulator.balance("carol", "JPY")).isEqualTo(42);
        assertThat(simulator.balance("carol", "EUR")).isEqualTo(500_000);
        assertThat(gateway.control("GET", "/customers/carol", null).jsonBody()).isEqualTo(body);

        String code = simulator.issuePaymentCode("carol");
        assertThat(gateway.pay("PAY-C", code, 100, "USD").resultCode()).isEqualTo("USER_NOT_EXIST");
    }

    @Test
    void badCustomerSettingsAre400WithAJsonErrorAndChangeNothing() throws Exception {
        gateway.control("POST", "/customers/dan/payment-code", null);

        for (String bad : List.of("{\"behaviour\":\"EXPLODE\"}", "{\"balances\":{\"XYZ\":\"1\"}}",
                "{\"balances\":{\"USD\":\"-5\"}}", "{\"colour\":\"red\"}", "{\"declineCode\":\"lower\"}",
                "{\"behaviour\":\"DECLINE\",\"settleAfterSeconds\":\"soon\"}")) {
            Plain response = gateway.control("PUT", "/customers/dan", bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.jsonBody()).as(bad).containsKey("error");
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(simulator.customer("dan").get().behaviour()).isEqualTo(Behaviour.SUCCESS);
        assertThat(simulator.customer("dan").get().balances()).containsEntry("USD", 500_000L);
    }

    @Test
    void unknownBehaviourNamesTheAcceptedOnes() throws Exception {
        Plain response = gateway.control("PUT", "/customers/ed", "{\"behaviour\":\"EXPLODE\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat((String) response.jsonBody().get("error")).contains("EXPLODE").contains("IN_PROCESS");
        assertThat(simulator.customer("ed")).isEmpty();
    }

    @Test
    void malformedJsonAndUnknownPathsAreSmallJsonErrors() throws Exception {
        Plain malformed = gateway.control("PUT", "/customers/fay", "{nope");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.jsonBody()).containsKey("error");

        Plain unknown = gateway.control("GET", "/nowhere", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.jsonBody()).containsKey("error");

        assertThat(gateway.control("GET", "/customers/nobody", null).status()).isEqualTo(404);
        assertThat(gateway.control("GET", "/simulator/payments/none", null).status()).isEqualTo(404);
        assertThat(gateway.control("GET", "/mpp/v1/payments/pay", null).status()).isEqualTo(405);
        assertThat(gateway.control("POST", "/mpp/v1/payments/explode", "{}").status()).isEqualTo(404);
    }

    @Test
    void simulatorPaymentShowsStatusAmountChargesAndRefunds() throws Exception {
        String code = simulator.issuePaymentCode("gus");
        gateway.pay("PAY-G", code, 1500, "USD").verified();
        gateway.refund("REF-G", "PAY-G", 500, "USD").verified();

        Plain response = gateway.control("GET", "/simulator/payments/PAY-G", null);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.jsonBody();
        assertThat(body).containsEntry("status", "PAID").containsEntry("customerId", "gus")
                .containsEntry("amount", Map.of("currency", "USD", "value", "1500"))
                .containsEntry("refundedAmount", Map.of("currency", "USD", "value", "500"));
        assertThat(((Number) body.get("charges")).intValue()).isEqualTo(1);
        assertThat((List<?>) body.get("refunds")).hasSize(1);
    }

    @Test
    void faultsCanBeSwitchedOverHttp() throws Exception {
        Plain set = gateway.control("POST", "/simulator/faults", "{\"fault\":\"HTTP_500\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(simulator.fault()).isEqualTo(Fault.HTTP_500);
        assertThat(gateway.inquire("X").status).isEqualTo(500);

        assertThat(gateway.control("POST", "/simulator/faults", "{\"fault\":\"SOMETIMES\"}").status()).isEqualTo(400);
        gateway.control("POST", "/simulator/faults", "{\"fault\":\"NONE\"}");
        assertThat(gateway.inquire("X").resultCode()).isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    void gatewaysCanBeTrustedOverHttpAndInfoTellsWhatToRegister() throws Exception {
        String key = RsaKeys.encode(TestKeys.STRANGER.getPublic());
        Plain trusted = gateway.control("POST", "/simulator/gateways", "{\"clientId\":\"OTHER\",\"publicKey\":\"" + key + "\"}");
        assertThat(trusted.status()).isEqualTo(200);
        assertThat(gateway.control("POST", "/simulator/gateways", "{\"clientId\":\"OTHER\",\"publicKey\":\"junk\"}").status())
                .isEqualTo(400);

        Map<String, Object> info = gateway.control("GET", "/simulator/info", null).jsonBody();
        assertThat(info).containsEntry("walletId", "SIMWALLET").containsEntry("pspName", "SIMPAY")
                .containsEntry("endpoint", simulator.endpoint()).containsEntry("publicKey", simulator.publicKey())
                .containsEntry("codePrefixes", List.of("2899"));
    }
}
