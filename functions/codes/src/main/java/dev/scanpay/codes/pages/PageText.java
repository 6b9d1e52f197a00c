package dev.scanpay.codes.pages;

import dev.scanpay.core.model.code.EntryProblem;
import java.util.Currency;
import java.util.Locale;

/**
 * The wording of the code pages, English and Chinese side by side so they stay in step. A customer's
 * browser says which it prefers in Accept-Language; anything but Chinese gets English.
 */
public enum PageText {
    EN, ZH;

    /**
     * The language the header prefers most: the first tag with the highest q (q=0 means "not this"), Chinese
     * if that tag is zh or zh-anything. A missing or unreadable header is English.
     */
    public static PageText of(String acceptLanguage) {
        if (acceptLanguage == null) {
            return EN;
        }
        String best = null;
        double bestQ = 0;
        for (String range : acceptLanguage.split(",")) {
            String[] parts = range.split(";", -1);
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    q = quality(parameter.substring(2));
                }
            }
            if (!tag.isEmpty() && q > bestQ) {
                best = tag;
                bestQ = q;
            }
        }
        return best != null && (best.equals("zh") || best.startsWith("zh-")) ? ZH : EN;
    }

    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value.trim());
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** For {@code <html lang>}. */
    public String languageTag() {
        return this == ZH ? "zh" : "en";
    }

    private String say(String english, String chinese) {
        return this == ZH ? chinese : english;
    }

    String payTo() { return say("Pay to", "付款给"); }
    String amount() { return say("Amount", "金额"); }
    String pay() { return say("Pay", "支付"); }
    String payingWith(String wallet) { return say("Paying with " + wallet, "使用" + wallet + "支付"); }

    String openInWallet() { return say("Open this code in your wallet app", "请在钱包中打开"); }
    String scanWithOneOf() { return say("To pay, scan the store's code with one of these wallet apps:", "请使用以下钱包 App 扫描商家的二维码付款："); }
    String noWalletYet() { return say("No wallet app can pay this code yet.", "暂无可支付此二维码的钱包 App。"); }
    String continueWith(String wallet) { return say("Continue with " + wallet + " in this browser", "在此浏览器中继续使用" + wallet); }

    String scanWithWallet() { return say("Scan this code with your wallet app", "请使用钱包 App 扫描此二维码"); }
    String orderCodeHint() { return say("This code is paid in a wallet app, not in the browser.", "此二维码需在钱包 App 中支付，无法在浏览器中付款。"); }
    String codeExpired() { return say("This code has expired", "此二维码已失效"); }
    String codePaid() { return say("This code has been paid", "此二维码已完成支付"); }
    String askForNewCode() { return say("Ask the cashier for a new code.", "请向收银员索取新的二维码。"); }

    String paid() { return say("Payment successful", "支付成功"); }
    String failed() { return say("Payment failed", "支付失败"); }
    String failedHint() { return say("You have not been charged. You can scan the store's code to try again.", "未扣款。您可以重新扫描商家的二维码再试一次。"); }
    String closed() { return say("This payment is closed", "订单已关闭"); }
    String closedHint() { return say("To pay, scan the store's code again.", "如需付款，请重新扫描商家的二维码。"); }
    String waiting() { return say("Waiting for your payment…", "正在等待支付结果…"); }
    String waitingHint() { return say("Finish paying in your wallet app. This page updates by itself.", "请在钱包 App 中完成支付，本页面会自动刷新。"); }

    String notFound() { return say("This code is not valid", "此二维码无效"); }
    String notFoundHint() { return say("Check that you scanned the right code, or ask the cashier.", "请确认扫描的二维码是否正确，或咨询收银员。"); }
    String storeBusy() { return say("The store is busy", "商家繁忙"); }
    String storeBusyHint() { return say("Too many payments are open at this store right now. Please try again in a moment; you have not been charged.",
            "该商家当前未完成的付款过多，请稍后重试。您尚未被扣款。"); }
    String somethingWentWrong() { return say("Something went wrong", "出错了"); }
    String tryAgain() { return say("Please try again in a moment.", "请稍后重试。"); }

    /** What the customer should do about a refused amount page. */
    String problem(EntryProblem problem, Currency currency) {
        String code = currency.getCurrencyCode();
        int decimals = currency.getDefaultFractionDigits();
        return switch (problem) {
            case AMOUNT_NOT_A_NUMBER -> say("Enter the amount as a number, such as " + AmountFormat.example(currency) + ".",
                    "请输入数字金额，例如 " + AmountFormat.example(currency) + "。");
            case AMOUNT_TOO_MANY_DECIMALS -> decimals == 0
                    ? say(code + " amounts have no decimals.", code + " 金额不能有小数。")
                    : say(code + " amounts have at most " + decimals + " decimals.", code + " 金额最多 " + decimals + " 位小数。");
            case AMOUNT_NOT_POSITIVE -> say("Enter an amount above zero.", "金额必须大于零。");
            case AMOUNT_TOO_LARGE -> say("This amount is too large.", "金额过大。");
            case FORM_ALREADY_USED -> say("This page was already used for a payment. Check the amount and tap Pay again.",
                    "此页面已用于一笔付款，请核对金额后再次点击支付。");
            case NO_WALLET -> say("Open this code in your wallet app to pay.", "请在钱包 App 中打开此二维码付款。");
            case STORE_BUSY -> storeBusyHint();
            case UNKNOWN_CODE -> notFound();
        };
    }
}
