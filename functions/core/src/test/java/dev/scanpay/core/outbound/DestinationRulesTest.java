package dev.scanpay.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.core.protocol.ProtocolException;
import dev.scanpay.core.protocol.ResultCode;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which notify and wallet URLs, and which resolved addresses, the gateway refuses to call. */
class DestinationRulesTest {

    private static final DestinationRules DEPLOYED = DestinationRules.deployed();
    /** The local stack's and the test harnesses' rules: loopback and plain http allowed. */
    private static final DestinationRules LOCAL = new DestinationRules(true, false);

    /** Refused everywhere, the local stack included: the gateway's network in every spelling. */
    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.5/",
            "http://172.16.3.4/",
            "http://192.168.1.1/notify",
            "http://100.64.0.1/",
            "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[::169.254.169.254]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[64:ff9b:1::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::1]/",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "http://2852039166/",
            "http://0251.0376.0251.0376/",
            "http://0xa9fea9fe/",
            "http://0xA9.0xFE.0xA9.0xFE/",
            "http://169.254.43518/",
            "http://169.16689662/",
            "http://0251.254.169.254/",
            "http://169.254.169.254./",
            "http://%31%36%39.254.169.254/",
            "http://\uff11\uff16\uff19.\uff12\uff15\uff14.\uff11\uff16\uff19.\uff12\uff15\uff14/",
            "http://[fe80::1]/",
            "http://[fd00::1]/",
            "http://[fc00::5]/",
            "http://[fec0::1]/",
            "http://[ff02::1]/",
            "http://224.0.0.1/",
            "http://239.255.255.250/",
            "http://0.0.0.0/",
            "http://0/",
            "http://[::]/",
            "http://255.255.255.255/",
            "http://240.0.0.1/",
            "http://192.0.0.8/",
            "http://192.0.2.10/",
            "http://198.51.100.7/",
            "http://203.0.113.9/",
            "http://198.18.0.1/",
            "http://[2001:db8::1]/",
            "http://[100::1]/",
            "ftp://merchant.example/notify",
            "file:///etc/passwd",
            "gopher://merchant.example/",
            "javascript:alert(1)",
            "not a url"})
    void theGatewaysOwnNetworkIsRefusedInAnySpelling(String url) {
        assertThat(LOCAL.refusalOf(url)).as(url).isPresent();
        assertThat(DEPLOYED.refusalOf(url)).as(url).isPresent();
    }

    /** Loopback, in any spelling: refused when deployed, allowed where the deployment says so (the local stack). */
    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8070/notify",
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://017700000001/",
            "http://0177.0.0.1/",
            "http://127.255.255.254/",
            "http://[::1]:8070/",
            // the client reads an IPv4-mapped literal as the IPv4 address: this one is loopback
            "http://[::ffff:127.0.0.1]/",
            "http://localhost:8070/",
            "http://LOCALHOST./",
            "http://shop.localhost/"})
    void loopbackOnlyWhereTheDeploymentAllowsIt(String url) {
        assertThat(DEPLOYED.refusalOf(url)).as(url).isPresent();
        assertThat(new DestinationRules(false, false).refusalOf(url)).as(url).isPresent();
        assertThat(LOCAL.refusalOf(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://merchant.example/notify",
            "https://merchant.example:8443/scanpay/notify?shop=7",
            "https://93.184.216.34/notify",
            "https://[2606:4700:4700::1111]/notify",
            "https://xn--bcher-kva.example/notify"})
    void publicHttpsDestinationsAreAllowed(String url) {
        assertThat(DEPLOYED.refusalOf(url)).as(url).isEmpty();
        assertThat(LOCAL.refusalOf(url)).as(url).isEmpty();
    }

    @Test
    void plainHttpNeedsTheDeploymentToAllowIt() {
        assertThat(DEPLOYED.refusalOf("http://merchant.example/notify")).contains("must be an https URL");
        assertThat(new DestinationRules(false, false).refusalOf("http://merchant.example/notify")).isEmpty();
    }

    @Test
    void aRefusalAtRequestTimeIsParamIllegalNamingTheFieldAndNotWhereTheUrlLeads() {
        assertThatThrownBy(() -> DEPLOYED.requireAllowed("paymentNotifyUrl", "http://[::ffff:169.254.169.254]/x"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.PARAM_ILLEGAL);
                    assertThat(e.getMessage()).startsWith("paymentNotifyUrl ").doesNotContain("169.254").doesNotContain("link-local");
                });
    }

    @Test
    void resolvedAddressesAreCheckedTheSameWay() throws Exception {
        for (String refused : new String[] {"169.254.169.254", "10.1.2.3", "100.100.100.200", "fd12::1", "::ffff:10.0.0.1",
                "fe80::1%1", "0.0.0.0"}) {
            assertThat(DEPLOYED.refusalOf(InetAddress.getByName(refused))).as(refused).isPresent();
            assertThat(LOCAL.refusalOf(InetAddress.getByName(refused))).as(refused).isPresent();
        }
        assertThat(DEPLOYED.refusalOf(InetAddress.getByName("127.0.0.1"))).isPresent();
        assertThat(DEPLOYED.refusalOf(InetAddress.getByName("::1"))).isPresent();
        assertThat(LOCAL.refusalOf(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(LOCAL.refusalOf(InetAddress.getByName("::1"))).isEmpty();
        assertThat(DEPLOYED.refusalOf(InetAddress.getByName("93.184.216.34"))).isEmpty();
        assertThat(DEPLOYED.refusalOf(InetAddress.getByName("2606:4700:4700::1111"))).isEmpty();
    }
}
