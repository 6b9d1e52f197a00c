package dev.scanpay.merchantapi;

import static dev.scanpay.testkit.PayBodies.entryCode;
import static dev.scanpay.testkit.PayBodies.entryCodeRegistration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.core.model.client.ClientKind;
import dev.scanpay.core.model.code.CodeKind;
import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.model.client.NotifyUrlPrefixes;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.store.ClientStore;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import dev.scanpay.core.model.payment.Scenario;
import dev.scanpay.core.store.CodeStore;
import dev.scanpay.core.store.EntryCodeStore;
import dev.scanpay.testkit.Adapter;
import dev.scanpay.testkit.GatewayHarness;
import dev.scanpay.testkit.OnBothAdapters;
import dev.scanpay.testkit.SignedCaller.Answer;
import dev.scanpay.testkit.SignedMerchant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** Entry codes from the merchant's side: registering a store's code, and EntryCode pay from the merchant's server. */
@OnBothAdapters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryCodeTest {

    @Parameter
    Adapter adapter;

    private static final String CODES = "/ams/api/v1/codes/registerEntryCode";
    private static final String WALLET_BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile SimWallet/1.0";

    private GatewayHarness gateway;
    private SignedMerchant merchant;

    private int tests;

    // one harness for the class (per adapter); each test has its own merchant, so its own stores' codes and
    // request ids
    @BeforeParameterizedClassInvocation
    void startGateway() {
        gateway = new GatewayHarness(adapter);
    }

    @AfterParameterizedClassInvocation
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void start() {
        merchant = gateway.merchant("MERCHANT_EC_" + ++tests);
    }

    @SuppressWarnings("unchecked")
    private static String codeValue(Answer answer) {
        List<Map<String, Object>> details = (List<Map<String, Object>>) answer.object("entryCodeForm").get("codeDetails");
        assertThat(details).extracting(d -> d.get("displayType")).containsExactly("TEXT", "SMALLIMAGE", "MIDDLEIMAGE", "BIGIMAGE");
        return (String) details.get(0).get("codeValue");
    }

    @Test
    void registersOneCodePerStore() {
        Answer first = merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "KWD"));

        assertThat(first.resultCode()).isEqualTo("SUCCESS");
        assertThat(first.get("currency")).isEqualTo("KWD");
        String codeValue = codeValue(first);
        assertThat(codeValue).matches(java.util.regex.Pattern.quote(gateway.publicUrl()) + "/c/[A-Za-z0-9_-]{27}");
        String token = codeValue.substring(codeValue.lastIndexOf('/') + 1);
        EntryCode stored = gateway.context.getBean(EntryCodeStore.class).find(token).orElseThrow();
        assertThat(stored.clientId()).isEqualTo(merchant.clientId);
        assertThat(stored.storeName()).isEqualTo("Harbour Coffee Pier 3");
        assertThat(gateway.context.getBean(CodeStore.class).find(token).orElseThrow().kind()).isEqualTo(CodeKind.ENTRY);

        Answer repeat = merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "KWD"));
        assertThat(codeValue(repeat)).as("a printed code keeps working").isEqualTo(codeValue);
        assertThat(codeValue(merchant.post(CODES, entryCodeRegistration("M-1001", "S-02", "KWD")))).isNotEqualTo(codeValue);
        assertThat(merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "USD")).resultCode()).isEqualTo("REPEAT_REQ_INCONSISTENT");
    }

    @Test
    void aWithdrawnCurrencyIsNotSupportedForAStoresCode() {
        Answer answer = merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "DEM"));
        assertThat(answer.resultCode()).isEqualTo("CURRENCY_NOT_SUPPORT");
    }

    @Test
    void aPrintedCodesNotifyUrlIsUsedOnlyWhileTheClientsPrefixesStillAdmitIt() {
        SignedMerchant shop = gateway.merchant("MERCHANT_MOVED", "https://old.shop.example/", "https://new.shop.example/");
        Map<String, Object> registration = new HashMap<>(entryCodeRegistration("M-1001", "S-09", "JPY"));
        registration.put("paymentNotifyUrl", "https://old.shop.example/notify");
        String codeValue = codeValue(shop.post(CODES, registration));
        String token = codeValue.substring(codeValue.lastIndexOf('/') + 1);
        EntryCodes entryCodes = gateway.context.getBean(EntryCodes.class);
        dev.scanpay.core.model.wallet.Wallet wallet = gateway.context.getBean(dev.scanpay.core.service.directory.WalletDirectory.class)
                .byId(gateway.wallet.walletId()).orElseThrow();

        assertThat(entryCodes.startPayment(token, "500", "form-id-before-0001", wallet).payment().notifyUrl())
                .isEqualTo("https://old.shop.example/notify");

        // the shop moves: its client is registered again without the old prefix, with a new default
        ClientStore clients = new ClientStore(gateway.dynamoClient, gateway.table);
        Client registered = clients.get("MERCHANT_MOVED").orElseThrow();
        clients.put(new Client(registered.clientId(), registered.name(), registered.kind(), registered.publicKeys(),
                registered.merchantIds(), "https://new.shop.example/notify",
                NotifyUrlPrefixes.of(List.of("https://new.shop.example/")), registered.createdAt()));
        gateway.clock.advance(java.time.Duration.ofSeconds(31));

        assertThat(entryCodes.startPayment(token, "500", "form-id-after-00001", wallet).payment().notifyUrl())
                .as("the printed code's URL is no longer the shop's to name").isEqualTo("https://new.shop.example/notify");
    }

    @Test
    void refusesWhatCannotBeACode() {
        assertThat(merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "ZZZ")).resultMessage()).startsWith("currency");
        assertThat(merchant.post(CODES, entryCodeRegistration("M-1001", "S-01", "XAU")).resultCode()).isEqualTo("PARAM_ILLEGAL");
        Map<String, Object> noStore = new HashMap<>(entryCodeRegistration("M-1001", "S-01", "JPY"));
        noStore.put("merchant", Map.of("referenceMerchantId", "M-1001", "merchantName", "X", "merchantMCC", "5814"));
        assertThat(merchant.postMalformed(CODES, noStore).resultMessage()).startsWith("merchant.store");
        SignedMerchant isv = gateway.merchant("ISV_EC", ClientKind.ISV, Set.of("M-OWN"));
        assertThat(isv.post(CODES, entryCodeRegistration("M-1001", "S-01", "JPY")).resultCode()).isEqualTo("ACCESS_DENIED");
        assertThat(isv.post(CODES, entryCodeRegistration("M-OWN", "S-01", "JPY")).resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void entryCodePayFromTheMerchantsServerSendsTheBrowserToTheWalletsCashier() {
        Answer answer = merchant.call("pay", entryCode("EC-1", "USD", 1234, WALLET_BROWSER));

        assertThat(answer.resultCode()).isEqualTo("SUCCESS");
        Map<String, Object> form = answer.object("redirectActionForm");
        String redirect = (String) form.get("redirectUrl");
        assertThat(redirect).startsWith(gateway.wallet.cashierUrl() + "?codeValue=");
        String codeValue = URLDecoder.decode(redirect.substring(redirect.indexOf('=') + 1), StandardCharsets.UTF_8);
        assertThat(codeValue).startsWith(gateway.publicUrl() + "/c/");

        Payment payment = gateway.payment(answer.get("paymentId"));
        assertThat(payment.scenario()).isEqualTo(Scenario.ENTRY_CODE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(payment.walletId()).isEqualTo(gateway.wallet.walletId());
        assertThat(payment.redirectUrl()).isEqualTo("https://merchant.example/paid/EC-1");
        assertThat(merchant.call("inquiryPayment", Map.of("paymentRequestId", "EC-1")).get("paymentStatus")).isEqualTo("PROCESSING");
        assertThat(merchant.call("pay", entryCode("EC-1", "USD", 1234, WALLET_BROWSER)).object("redirectActionForm"))
                .as("a repeat answers the same").isEqualTo(form);

        // the wallet resolving that code value: wallet-api's EntryCodeIntakeTest
    }

    @Test
    void entryCodePayNeedsAWalletsBrowser() {
        Answer missing = merchant.call("pay", entryCode("EC-2", "USD", 100, null));
        assertThat(missing.resultCode()).isEqualTo("PARAM_ILLEGAL");
        assertThat(missing.resultMessage()).startsWith("order.env.userAgent");
        Answer desktop = merchant.call("pay", entryCode("EC-3", "USD", 100, "Mozilla/5.0 (X11; Linux x86_64) Chrome/120"));
        assertThat(desktop.resultMessage()).startsWith("order.env.userAgent");
        assertThat(gateway.payments().findByRequest(merchant.clientId, "EC-3")).isEmpty();
    }
}
