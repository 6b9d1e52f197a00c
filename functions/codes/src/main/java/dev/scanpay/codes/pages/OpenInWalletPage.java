package dev.scanpay.codes.pages;

import static dev.scanpay.codes.pages.Html.escape;

import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.code.EntryProblem;
import dev.scanpay.core.model.wallet.Wallet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A store's entry code opened outside any wallet (a phone's camera app, a laptop's browser): which wallet
 * apps pay it, and for each a link that opens the amount page for that wallet in this browser.
 */
public final class OpenInWalletPage {

    private OpenInWalletPage() {
    }

    /** @param problem NO_WALLET after a submit that named no usable wallet; null otherwise */
    public static String render(PageText text, EntryCode code, List<Wallet> wallets, EntryProblem problem) {
        StringBuilder content = new StringBuilder(1024)
                .append("<section class=\"card\">\n")
                .append("<h1>").append(escape(text.openInWallet())).append("</h1>\n")
                .append("<p class=\"merchant\" id=\"merchant\">").append(escape(code.merchantLabel())).append("</p>\n")
                .append("<p class=\"store\" id=\"store\">").append(escape(code.storeLabel())).append("</p>\n");
        if (problem != null) {
            content.append("<p class=\"problem\" id=\"problem\" role=\"alert\">")
                    .append(escape(text.problem(problem, code.currency()))).append("</p>\n");
        }
        if (wallets.isEmpty()) {
            content.append("<p class=\"muted\">").append(escape(text.noWalletYet())).append("</p>\n");
        } else {
            content.append("<p class=\"muted\">").append(escape(text.scanWithOneOf())).append("</p>\n<ul id=\"wallets\">\n");
            for (Wallet wallet : wallets) {
                String query = "?wallet=" + URLEncoder.encode(wallet.walletId(), StandardCharsets.UTF_8);
                content.append("<li><p class=\"wallet\">").append(escape(wallet.pspName())).append("</p>")
                        .append("<a class=\"button secondary\" href=\"").append(escape(query)).append("\">")
                        .append(escape(text.continueWith(wallet.pspName()))).append("</a></li>\n");
            }
            content.append("</ul>\n");
        }
        content.append("</section>\n");
        return Html.document(text, text.openInWallet(), content.toString(), 0);
    }
}
