package dev.scanpay.codes.pages;

import static dev.scanpay.codes.pages.Html.escape;

import dev.scanpay.core.model.code.IssuedCode;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import java.time.Instant;

/**
 * A merchant's order code opened in a browser (a phone's camera app follows the URL in the QR): wallets
 * resolve order codes through their API, so the page only says to scan it with a wallet app, with the
 * merchant and amount when the payment is known, or that the code no longer works.
 */
public final class LandingPage {

    private LandingPage() {
    }

    /** @param payment the code's payment; null if it cannot be found */
    public static String render(PageText text, IssuedCode code, Payment payment, Instant now) {
        boolean open = code.isLive(now) && (payment == null || !payment.status().hasOutcome());
        boolean paid = payment != null && payment.status() == PaymentStatus.SUCCESS;
        String headline = open ? text.scanWithWallet() : paid ? text.codePaid() : text.codeExpired();
        StringBuilder content = new StringBuilder(1024)
                .append("<section class=\"card\" id=\"landing\" data-open=\"").append(open).append("\">\n")
                .append("<h1>").append(escape(headline)).append("</h1>\n");
        if (payment != null && (open || paid)) {
            if (payment.order() != null && payment.order().merchantName() != null) {
                content.append("<p class=\"merchant\" id=\"merchant\">").append(escape(payment.order().merchantName())).append("</p>\n");
            }
            content.append("<p class=\"amount\" id=\"amount\">").append(escape(AmountFormat.display(payment.amount()))).append("</p>\n");
        }
        if (!paid) {
            content.append("<p class=\"muted\">").append(escape(open ? text.orderCodeHint() : text.askForNewCode())).append("</p>\n");
        }
        content.append("</section>\n");
        return Html.document(text, headline, content.toString(), 0);
    }
}
