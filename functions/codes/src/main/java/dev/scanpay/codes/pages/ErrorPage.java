package dev.scanpay.codes.pages;

import static dev.scanpay.codes.pages.Html.escape;

/** The pages a customer sees when there is no code to show: an invalid one, or a failure of ours. */
public final class ErrorPage {

    private ErrorPage() {
    }

    /** Unknown or malformed token, or a form posted to something that is not an entry code. */
    public static String notFound(PageText text) {
        return message(text, "not-found", text.notFound(), text.notFoundHint());
    }

    /** The store has as many open payments as it may take at once: a moment later it will have room. */
    public static String busy(PageText text) {
        return message(text, "busy", text.storeBusy(), text.storeBusyHint());
    }

    public static String failed(PageText text) {
        return message(text, "failed", text.somethingWentWrong(), text.tryAgain());
    }

    private static String message(PageText text, String id, String headline, String hint) {
        return Html.document(text, headline, "<section class=\"card\" id=\"" + id + "\">\n<h1>" + escape(headline)
                + "</h1>\n<p class=\"muted\">" + escape(hint) + "</p>\n</section>\n", 0);
    }
}
