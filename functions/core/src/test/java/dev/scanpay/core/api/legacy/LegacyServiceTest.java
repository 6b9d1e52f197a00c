package dev.scanpay.core.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyServiceTest {

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void assertRefused(Map<String, String> params, LegacyError error, String detail) {
        assertThatThrownBy(() -> LegacyService.of(params))
                .isInstanceOfSatisfying(LegacyRefusal.class, e -> assertThat(e.error()).isEqualTo(error))
                .hasMessageContaining(detail);
    }

    @Test
    void namesTheFourServicesAndNotifyVerify() {
        assertThat(LegacyService.values()).extracting(LegacyService::wireName).containsExactly(
                "alipay.acquire.overseas.spot.pay", "alipay.acquire.overseas.query", "alipay.acquire.cancel",
                "alipay.acquire.overseas.spot.refund", "notify_verify");
    }

    @Test
    void aSpotPayWithWhatAChargeNeeds() {
        assertThat(LegacyService.of(params("service", "alipay.acquire.overseas.spot.pay", "partner", "2088101122136241",
                "partner_trans_id", "T1", "trans_name", "coffee", "currency", "USD", "trans_amount", "0.01",
                "buyer_identity_code", "281234567890123456"))).isEqualTo(LegacyService.SPOT_PAY);
        assertRefused(params("service", "alipay.acquire.overseas.spot.pay", "partner", "2088101122136241",
                "partner_trans_id", "T1", "trans_name", "coffee", "currency", "USD", "trans_amount", "",
                "buyer_identity_code", "281234567890123456"), LegacyError.ILLEGAL_ARGUMENT, "trans_amount is missing");
    }

    @Test
    void aQueryByEitherId() {
        assertThat(LegacyService.of(params("service", "alipay.acquire.overseas.query", "partner", "2088101122136241",
                "partner_trans_id", "T1"))).isEqualTo(LegacyService.QUERY);
        assertThat(LegacyService.of(params("service", "alipay.acquire.overseas.query", "partner", "2088101122136241",
                "alipay_trans_id", "2026031021001004"))).isEqualTo(LegacyService.QUERY);
        assertRefused(params("service", "alipay.acquire.overseas.query", "partner", "2088101122136241"),
                LegacyError.ILLEGAL_ARGUMENT, "one of alipay_trans_id, partner_trans_id");
    }

    @Test
    void aCancelNeedsItsTimestamp() {
        assertThat(LegacyService.of(params("service", "alipay.acquire.cancel", "partner", "2088101122136241",
                "out_trade_no", "T1", "timestamp", "1773112800000"))).isEqualTo(LegacyService.CANCEL);
        assertThat(LegacyService.of(params("service", "alipay.acquire.cancel", "partner", "2088101122136241",
                "trade_no", "2026031021001004", "timestamp", "1773112800000"))).isEqualTo(LegacyService.CANCEL);
        // a client habit (issue 11 item 5): the cancel without timestamp, refused as §8.5 makes it required
        assertRefused(params("service", "alipay.acquire.cancel", "partner", "2088101122136241", "out_trade_no", "T1"),
                LegacyError.ILLEGAL_ARGUMENT, "timestamp is missing");
        assertRefused(params("service", "alipay.acquire.cancel", "partner", "2088101122136241",
                "timestamp", "1773112800000"), LegacyError.ILLEGAL_ARGUMENT, "one of out_trade_no, trade_no");
    }

    @Test
    void aRefundWithTheMisspeltReasonIsStillARefund() {
        assertThat(LegacyService.of(params("service", "alipay.acquire.overseas.spot.refund",
                "partner", "2088101122136241", "partner_trans_id", "T1", "partner_refund_id", "R1",
                "refund_amount", "1.00", "currency", "USD", "refund_reson", "broken cup")))
                .isEqualTo(LegacyService.SPOT_REFUND);
        assertRefused(params("service", "alipay.acquire.overseas.spot.refund", "partner", "2088101122136241",
                "partner_trans_id", "T1", "refund_amount", "1.00", "currency", "USD"),
                LegacyError.ILLEGAL_ARGUMENT, "partner_refund_id is missing");
    }

    @Test
    void notifyVerifyNeedsTheNotifyId() {
        assertThat(LegacyService.of(params("service", "notify_verify", "partner", "2088101122136241",
                "notify_id", "abc"))).isEqualTo(LegacyService.NOTIFY_VERIFY);
        assertRefused(params("service", "notify_verify", "partner", "2088101122136241"),
                LegacyError.ILLEGAL_ARGUMENT, "notify_id is missing");
    }

    @Test
    void anUnknownServiceIsAnIllegalExterfaceAndAMissingOneAnIllegalArgument() {
        assertRefused(params("service", "alipay.acquire.precreate", "partner", "2088101122136241"),
                LegacyError.ILLEGAL_EXTERFACE, "not served");
        assertRefused(params("service", "ALIPAY.ACQUIRE.CANCEL", "partner", "2088101122136241"),
                LegacyError.ILLEGAL_EXTERFACE, "not served");
        assertRefused(params("partner", "2088101122136241"), LegacyError.ILLEGAL_ARGUMENT, "service is missing");
        assertRefused(params("service", "notify_verify", "notify_id", "abc"), LegacyError.ILLEGAL_ARGUMENT,
                "partner is missing");
    }

    @Test
    void resultCodesAreSpeltAsEachServiceDocumentsThem() {
        assertThat(LegacyResultCode.UNKNOWN.wireValue(LegacyService.SPOT_PAY)).isEqualTo("UNKNOW");
        assertThat(LegacyResultCode.FAILED.wireValue(LegacyService.SPOT_PAY)).isEqualTo("FAILED");
        assertThat(LegacyResultCode.SUCCESS.wireValue(LegacyService.SPOT_PAY)).isEqualTo("SUCCESS");
        assertThat(LegacyResultCode.FAILED.wireValue(LegacyService.QUERY)).isEqualTo("FAIL");
        assertThatThrownBy(() -> LegacyResultCode.UNKNOWN.wireValue(LegacyService.QUERY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LegacyResultCode.UNKNOWN.wireValue(LegacyService.CANCEL)).isEqualTo("UNKNOWN");
        assertThat(LegacyResultCode.FAILED.wireValue(LegacyService.CANCEL)).isEqualTo("FAIL");
        assertThat(LegacyResultCode.UNKNOWN.wireValue(LegacyService.SPOT_REFUND)).isEqualTo("UNKNOWN");
        assertThat(LegacyRetryFlag.Y.wireValue()).isEqualTo("Y");
        assertThat(LegacyRetryFlag.N.wireValue()).isEqualTo("N");
    }
}
