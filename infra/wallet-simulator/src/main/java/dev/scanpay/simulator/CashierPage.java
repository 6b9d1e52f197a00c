package dev.scanpay.simulator;

import dev.scanpay.core.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The cashier pages a phone's browser sees: self-contained (inline CSS, no scripts, no external assets),
 * mobile first, and every value escaped, since it comes from the request or from the gateway.
 */
final class CashierPage {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(UTC'xxx')'");
    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f4f7;color:#1d2433}
            main{max-width:28rem;margin:0 auto;padding:1rem}
            .wallet{font-weight:700;color:#1461d1;letter-spacing:.02em;margin:.5rem 0 1rem}
            .card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
            .merchant{font-size:1.15rem;font-weight:600;margin:0}
            .store,.muted{color:#5b6475;margin:.15rem 0}
            .amount{font-size:2rem;font-weight:700;margin:1rem 0 .25rem}
            button{width:100%;margin-top:1.25rem;padding:.9rem;border:0;border-radius:10px;background:#1461d1;color:#fff;font-size:1.05rem;font-weight:600}
            h1{font-size:1.4rem;margin:.25rem 0 .5rem}
            """;

    private CashierPage() {
    }

    /** The order the customer is asked to confirm. */
    static String order(String walletName, String customerId, String codeValue, GatewayOrder order) {
        String merchant = order.shownMerchantName() == null ? "Merchant" : order.shownMerchantName();
        StringBuilder body = new StringBuilder()
                .append("<p class=\"merchant\" id=\"merchant\">").append(Html.escape(merchant)).append("</p>\n");
        if (order.storeName() != null) {
            body.append("<p class=\"store\" id=\"store\">").append(Html.escape(order.storeName())).append("</p>\n");
        }
        body.append("<p class=\"amount\" id=\"amount\">").append(Html.escape(amount(order.amount()))).append("</p>\n");
        if (order.orderDescription() != null) {
            body.append("<p class=\"muted\">").append(Html.escape(order.orderDescription())).append("</p>\n");
        }
        if (order.expiryTime() != null) {
            body.append("<p class=\"muted\" id=\"expiry\">Pay before ").append(Html.escape(expiry(order.expiryTime())))
                    .append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(CashierHandler.CONFIRM_PATH).append("\">\n")
                .append("<input type=\"hidden\" name=\"codeValue\" value=\"").append(Html.escape(codeValue)).append("\">\n")
                .append("<input type=\"hidden\" name=\"customerId\" value=\"").append(Html.escape(customerId)).append("\">\n")
                .append("<button type=\"submit\" id=\"confirm\">Confirm and pay</button>\n")
                .append("</form>\n")
                .append("<p class=\"muted\">Paying as ").append(Html.escape(customerId)).append("</p>\n");
        return page(walletName, "Confirm payment", body.toString());
    }

    /** Why the code cannot be paid. */
    static String problem(String walletName, String resultCode, String message) {
        String reason = resultCode == null ? message : message == null || message.isBlank() ? resultCode : resultCode + ": " + message;
        return page(walletName, "Cannot pay", "<h1>This code cannot be paid</h1>\n<p id=\"problem\">" + Html.escape(reason) + "</p>\n");
    }

    /** After confirming, when there is nowhere to send the browser back to. */
    static String outcome(String walletName, String headline, String detail) {
        return page(walletName, headline, "<h1 id=\"outcome\">" + Html.escape(headline) + "</h1>\n"
                + (detail == null ? "" : "<p class=\"muted\">" + Html.escape(detail) + "</p>\n"));
    }

    /** E.g. {@code JPY 1,000}, {@code USD 12.34}, {@code KWD 1.234}: as many decimals as the currency has. */
    static String amount(Money money) {
        int decimals = money.exponent();
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return money.currencyCode() + " " + format.format(BigDecimal.valueOf(money.minor(), decimals));
    }

    private static String expiry(String iso) {
        try {
            return EXPIRY.format(OffsetDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String page(String walletName, String title, String content) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(walletName) + " · " + Html.escape(title) + "</title>\n"
                + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + "<p class=\"wallet\" id=\"wallet\">" + Html.escape(walletName) + "</p>\n"
                + "<section class=\"card\">\n" + content + "</section>\n</main>\n</body>\n</html>\n";
    }
}
