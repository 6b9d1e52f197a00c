package dev.scanpay.codes.pages;

import static dev.scanpay.codes.pages.Html.escape;

import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.EntryProblem;
import dev.scanpay.core.model.wallet.Wallet;
import java.util.Currency;

/**
 * A store's entry code opened in a wallet: who is paid, and a field for the amount the customer types. The
 * form posts back to the page's own URL (no action attribute), which is the code's URL wherever the gateway
 * is served from.
 */
public final class EntryPage {

    /** Longest typed amount shown back in the field: a real amount is far shorter; junk is cut. */
    static final int MAX_TYPED_SHOWN = 64;

    private EntryPage() {
    }

    /**
     * @param wallet      the wallet the customer pays in
     * @param walletField whether the form carries the wallet's id, because a {@code ?wallet=} parameter
     *                    chose it rather than the browser's User-Agent
     * @param formId      fresh per rendering: a second submit of the same rendering is the same payment
     * @param typed       what the customer typed, shown again with {@code problem}; null on a fresh page
     * @param problem     why the last submit was refused; null on a fresh page
     */
    public static String render(PageText text, EntryCode code, Wallet wallet, boolean walletField, String formId,
                                String typed, EntryProblem problem) {
        Currency currency = code.currency();
        StringBuilder content = new StringBuilder(2048)
                .append("<section class=\"card\">\n")
                .append("<p class=\"muted\">").append(escape(text.payTo())).append("</p>\n")
                .append("<p class=\"merchant\" id=\"merchant\">").append(escape(code.merchantLabel())).append("</p>\n")
                .append("<p class=\"store\" id=\"store\">").append(escape(code.storeLabel())).append("</p>\n")
                .append("<form method=\"post\" autocomplete=\"off\">\n")
                .append("<input type=\"hidden\" name=\"formId\" value=\"").append(escape(formId)).append("\">\n");
        if (walletField) {
            content.append("<input type=\"hidden\" name=\"wallet\" value=\"").append(escape(wallet.walletId())).append("\">\n");
        }
        content.append("<label for=\"amount\">").append(escape(text.amount())).append("</label>\n")
                .append("<div class=\"field\"><span class=\"currency\" id=\"currency\">")
                .append(escape(currency.getCurrencyCode())).append("</span>")
                .append("<input id=\"amount\" name=\"amount\" type=\"text\" inputmode=\"").append(AmountFormat.inputMode(currency))
                .append("\" pattern=\"").append(escape(AmountFormat.pattern(currency)))
                .append("\" placeholder=\"").append(escape(AmountFormat.example(currency)))
                .append("\" maxlength=\"").append(MAX_TYPED_SHOWN)
                .append("\" autocomplete=\"off\" enterkeyhint=\"go\" required autofocus");
        if (typed != null) {
            String shown = typed.length() > MAX_TYPED_SHOWN ? typed.substring(0, MAX_TYPED_SHOWN) : typed;
            content.append(" value=\"").append(escape(shown)).append('"');
        }
        if (problem != null) {
            content.append(" aria-invalid=\"true\" aria-describedby=\"problem\"");
        }
        content.append("></div>\n");
        if (problem != null) {
            content.append("<p class=\"problem\" id=\"problem\" role=\"alert\">")
                    .append(escape(text.problem(problem, currency))).append("</p>\n");
        }
        content.append("<button type=\"submit\" id=\"pay\">").append(escape(text.pay())).append("</button>\n")
                .append("</form>\n")
                .append("</section>\n")
                .append("<p class=\"muted\" id=\"wallet\">").append(escape(text.payingWith(wallet.pspName()))).append("</p>\n");
        return Html.document(text, code.merchantLabel(), content.toString(), 0);
    }
}
