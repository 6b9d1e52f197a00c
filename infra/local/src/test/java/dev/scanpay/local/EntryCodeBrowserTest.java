package dev.scanpay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scanpay.simulator.SentNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer pays the demo store's entry code from a phone's wallet browser: headless Debian Chromium
 * (its User-Agent carrying the simulator wallet's marker) on the local stack. Skipped where Chromium is
 * not installed; CI installs it. Screenshots of every page go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class EntryCodeBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String WALLET_BROWSER =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36 SimWallet/1.0";

    @TempDir
    static Path dir;
    private LocalStack.Running stack;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); .ci/run installs them");
        Files.createDirectories(SCREENSHOTS);
        stack = LocalStack.start(dir, LocalStackTest.freePort(), LocalStackTest.freePort());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private WebDriver browser(String language) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--window-size=412,915",
                "--user-agent=" + WALLET_BROWSER);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // the driver is Debian's, named here, so Selenium never looks for (or downloads) one of its own
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Waits for {@code condition}; on timeout, fails with the page the browser is on (and its screenshot). */
    private static void waitFor(WebDriver browser, org.openqa.selenium.support.ui.ExpectedCondition<?> condition) throws Exception {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(browser, "failed-at");
            throw new AssertionError("gave up waiting for " + condition + " at " + browser.getCurrentUrl()
                    + " showing:\n" + browser.getPageSource(), e);
        }
    }

    @Test
    void customerTypesAnAmountConfirmsAtTheCashierAndSeesSuccess() throws Exception {
        WebDriver browser = browser("en-US,en");
        try {
            browser.get(stack.demoEntryCodeUrl());
            waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("amount")));
            assertThat(browser.findElement(By.id("merchant")).getText()).isEqualTo("Demo Café");
            assertThat(browser.findElement(By.id("currency")).getText()).isEqualTo("JPY");
            browser.findElement(By.id("amount")).sendKeys("1,280");
            screenshot(browser, "1-entry-code-page");
            browser.findElement(By.id("pay")).click();

            waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            assertThat(browser.getCurrentUrl()).startsWith(stack.wallet().cashierUrl());
            assertThat(browser.getPageSource()).contains("1,280");
            screenshot(browser, "2-wallet-cashier");
            browser.findElement(By.id("confirm")).click();

            waitFor(browser, ExpectedConditions.attributeToBe(By.id("outcome"), "data-status", "SUCCESS"));
            assertThat(browser.getCurrentUrl()).startsWith(stack.gatewayUrl() + "/c/");
            screenshot(browser, "3-result");
        } finally {
            browser.quit();
        }

        List<SentNotification> sent = stack.wallet().notificationsSent();
        assertThat(sent).isNotEmpty();
        String paymentId = sent.get(sent.size() - 1).paymentRequestId();
        DemoMerchant merchant = DemoMerchant.from(new Args(new String[] {"--data-dir", dir.toString()}, 0));
        Map<String, Object> inquiry = merchant.post("/ams/api/v1/payments/inquiryPayment", Map.of("paymentId", paymentId));
        assertThat(inquiry.get("paymentStatus")).isEqualTo("SUCCESS");
        assertThat(inquiry.get("paymentAmount")).isEqualTo(Map.of("currency", "JPY", "value", "1280"));
    }

    @Test
    void theEntryCodePageSpeaksChineseToAChineseBrowser() throws Exception {
        WebDriver browser = browser("zh-CN,zh");
        try {
            browser.get(stack.demoEntryCodeUrl());
            waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("amount")));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).startsWith("zh");
            assertThat(browser.findElement(By.id("pay")).getText()).isEqualTo("支付");
            screenshot(browser, "4-entry-code-page-zh");
        } finally {
            browser.quit();
        }
    }
}
