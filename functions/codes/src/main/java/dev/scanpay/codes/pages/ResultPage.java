package dev.scanpay.codes.pages;

import static dev.scanpay.codes.pages.Html.escape;

import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.model.payment.OrderDetails;
import dev.scanpay.core.model.payment.Payment;
import dev.scanpay.core.model.payment.PaymentStatus;
import java.time.Instant;

/**
 * Where a wallet's cashier sends the browser back after an entry-code payment (the payment's one-time code
 * URL): paid, failed, closed, or still waiting. Waiting pages reload themselves every
 * {@value #REFRESH_SECONDS} seconds (a meta refresh: the pages run no script) until there is an outcome.
 */
public final class ResultPage {

    static final int REFRESH_SECONDS = 2;

    private ResultPage() {
    }

    /** @param storeCode the entry code the payment was started from, for the names shown there; may be null */
    public static String render(PageText text, Payment payment, EntryCode storeCode, Instant now) {
        PaymentStatus status = payment.status();
        // nobody started paying before the code expired: the follow-up is about to close it, so say so now
        boolean lapsed = status == PaymentStatus.CREATED && payment.expiresAt() != null && !now.isBefore(payment.expiresAt());
        String headline;
        String hint;
        switch (status) {
            case SUCCESS -> { headline = text.paid(); hint = null; }
            case FAIL -> { headline = text.failed(); hint = text.failedHint(); }
            case CANCELLED -> { headline = text.closed(); hint = text.closedHint(); }
            default -> {
                headline = lapsed ? text.closed() : text.waiting();
                hint = lapsed ? text.closedHint() : text.waitingHint();
            }
        }
        boolean waiting = !status.hasOutcome() && !lapsed;
        OrderDetails order = payment.order();
        String merchant = storeCode != null ? storeCode.merchantLabel() : order != null ? order.merchantName() : null;
        String store = storeCode != null ? storeCode.storeLabel() : order != null ? order.storeName() : null;
        StringBuilder content = new StringBuilder(1024)
                .append("<section class=\"card ").append(status.name()).append("\" id=\"outcome\" data-status=\"")
                .append(status.name()).append("\"").append(waiting ? " aria-live=\"polite\"" : "").append(">\n")
                .append("<h1>").append(escape(headline)).append("</h1>\n")
                .append("<p class=\"amount\" id=\"amount\">").append(escape(AmountFormat.display(payment.amount()))).append("</p>\n");
        if (merchant != null) {
            content.append("<p class=\"merchant\" id=\"merchant\">").append(escape(merchant)).append("</p>\n");
        }
        if (store != null) {
            content.append("<p class=\"store\" id=\"store\">").append(escape(store)).append("</p>\n");
        }
        if (hint != null) {
            content.append("<p class=\"muted\">").append(escape(hint)).append("</p>\n");
        }
        content.append("</section>\n");
        return Html.document(text, headline, content.toString(), waiting ? REFRESH_SECONDS : 0);
    }
}
