package dev.scanpay.codes;

import dev.scanpay.codes.CodeLookup.EntryPayment;
import dev.scanpay.codes.CodeLookup.Found;
import dev.scanpay.codes.CodeLookup.OrderCode;
import dev.scanpay.codes.CodeLookup.StoreEntryCode;
import dev.scanpay.codes.pages.EntryPage;
import dev.scanpay.codes.pages.ErrorPage;
import dev.scanpay.codes.pages.LandingPage;
import dev.scanpay.codes.pages.OpenInWalletPage;
import dev.scanpay.codes.pages.PageText;
import dev.scanpay.codes.pages.ResultPage;
import dev.scanpay.core.model.code.EntryCode;
import dev.scanpay.core.service.code.EntryCodes;
import dev.scanpay.core.model.code.EntryProblem;
import dev.scanpay.core.service.directory.WalletDirectory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages a code's URL opens in a browser, {@code /c/{token}}, in English or Chinese as Accept-Language
 * prefers:
 * <ul>
 *   <li>a store's entry code: in a wallet's in-app browser (or with {@code ?wallet=}, see {@link ChosenWallet})
 *       the amount page, whose POST starts the payment and answers 303 to the wallet's cashier; anywhere
 *       else a page naming the wallets that pay it;</li>
 *   <li>the one-time code of an entry-code payment, where the cashier sends the browser back: the result;</li>
 *   <li>a merchant's order code: scan it with a wallet app (or that it no longer works);</li>
 *   <li>anything else: a 404 page.</li>
 * </ul>
 *
 * <p>Pages other than 200 are thrown as {@link RefusedPage} and answered by this controller's own
 * {@link Error} handler rather than returned: the local stack serves this controller next to
 * AmsController, whose global {@code @Error(status = NOT_FOUND)} would turn a returned 404 into an AMS
 * protocol answer. Nothing here ever answers JSON or a stack trace.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CodePageController {

    private static final Logger LOG = LoggerFactory.getLogger(CodePageController.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String BUSY_RETRY_AFTER_SECONDS = "30";

    private final CodeLookup lookup;
    private final EntryCodes entryCodes;
    private final WalletDirectory wallets;
    private final Clock clock;

    public CodePageController(CodeLookup lookup, EntryCodes entryCodes, WalletDirectory wallets, Clock clock) {
        this.lookup = lookup;
        this.entryCodes = entryCodes;
        this.wallets = wallets;
        this.clock = clock;
    }

    @Get("/c/{token}")
    public HttpResponse<String> open(HttpRequest<?> request, String token, @Nullable @QueryValue("wallet") String wallet) {
        PageText text = text(request);
        Found found = lookup.find(token);
        if (found instanceof StoreEntryCode entry) {
            return entryPage(request, text, entry.code(), wallet);
        }
        if (found instanceof EntryPayment result) {
            return PageResponses.page(HttpStatus.OK, ResultPage.render(text, result.payment(), result.storeCode(), clock.instant()),
                    PageResponses.withoutForms());
        }
        if (found instanceof OrderCode order) {
            return PageResponses.page(HttpStatus.OK, LandingPage.render(text, order.code(), order.payment(), clock.instant()),
                    PageResponses.withoutForms());
        }
        throw RefusedPage.notFound(text);
    }

    /** The amount page's submit: amount, formId and, when a parameter chose the wallet, wallet. */
    @Post(value = "/c/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> submit(HttpRequest<?> request, String token, @Nullable @Body Map<String, Object> body) {
        PageText text = text(request);
        Map<String, String> form = FormFields.of(body);
        ChosenWallet chosen = ChosenWallet.find(wallets, userAgent(request), form.get("wallet")).orElse(null);
        String typed = form.get("amount");
        try {
            var started = entryCodes.startPayment(token, typed, form.get("formId"), chosen == null ? null : chosen.wallet());
            return PageResponses.seeOther(started.cashierUrl());
        } catch (EntryProblem.Refusal refusal) {
            if (refusal.problem() == EntryProblem.STORE_BUSY) {
                // the store's cap on open payments is reached (strangers flooding its page, or a rush): nothing was
                // written; the customer tries again when places are given back
                throw new RefusedPage(HttpStatus.SERVICE_UNAVAILABLE, ErrorPage.busy(text), PageResponses.withoutForms(),
                        BUSY_RETRY_AFTER_SECONDS);
            }
            throw refusedSubmit(text, token, chosen, typed, refusal.problem());
        }
    }

    @Error(exception = RefusedPage.class)
    public HttpResponse<String> refused(RefusedPage page) {
        var response = PageResponses.page(page.status, page.html, page.policy);
        return page.retryAfter == null ? response : response.header(HttpHeaders.RETRY_AFTER, page.retryAfter);
    }

    /**
     * A submit that is not a form (another content type, a body that does not decode) is the sender's fault:
     * a 400 page. Anything else unexpected on these routes (the table unreachable, say) is ours: a 500 page,
     * logged. Never a trace.
     */
    @Error
    public HttpResponse<String> failed(HttpRequest<?> request, Throwable error) {
        if (error instanceof UnsupportedMediaException || error instanceof CodecException || error instanceof ConversionErrorException) {
            LOG.debug("Unreadable submit to {}: {}", request.getMethodName(), error.toString());
            return PageResponses.page(HttpStatus.BAD_REQUEST, ErrorPage.failed(text(request)), PageResponses.withoutForms());
        }
        String path = request.getPath();
        // a token is as good as the code: only its start goes to the log
        LOG.error("Failed to serve {} {}", request.getMethodName(), path.length() > 9 ? path.substring(0, 9) + "..." : path, error);
        return PageResponses.page(HttpStatus.INTERNAL_SERVER_ERROR, ErrorPage.failed(text(request)), PageResponses.withoutForms());
    }

    private HttpResponse<String> entryPage(HttpRequest<?> request, PageText text, EntryCode code, String walletParameter) {
        ChosenWallet chosen = ChosenWallet.find(wallets, userAgent(request), walletParameter).orElse(null);
        if (chosen == null) {
            return PageResponses.page(HttpStatus.OK, OpenInWalletPage.render(text, code, wallets.takingEntryCodes(), null),
                    PageResponses.withoutForms());
        }
        return PageResponses.page(HttpStatus.OK, EntryPage.render(text, code, chosen.wallet(), chosen.byParameter(), formId(),
                null, null), PageResponses.withFormTo(chosen.wallet()));
    }

    /** The page again, saying what to fix; a fresh form id, since the refused one may already be a payment. */
    private RefusedPage refusedSubmit(PageText text, String token, ChosenWallet chosen, String typed, EntryProblem problem) {
        EntryCode code = problem == EntryProblem.UNKNOWN_CODE ? null : entryCodes.find(token).orElse(null);
        if (code == null) {
            return RefusedPage.notFound(text);
        }
        if (chosen == null) {
            return new RefusedPage(HttpStatus.BAD_REQUEST,
                    OpenInWalletPage.render(text, code, wallets.takingEntryCodes(), EntryProblem.NO_WALLET), PageResponses.withoutForms());
        }
        return new RefusedPage(HttpStatus.BAD_REQUEST,
                EntryPage.render(text, code, chosen.wallet(), chosen.byParameter(), formId(), typed, problem),
                PageResponses.withFormTo(chosen.wallet()));
    }

    /** 128 random bits: unguessable, and the same rendering submitted twice is one payment. */
    static String formId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PageText text(HttpRequest<?> request) {
        return PageText.of(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String userAgent(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.USER_AGENT);
    }

    /** A page to answer with instead of going on; no stack trace is filled in. */
    static final class RefusedPage extends RuntimeException {
        private final HttpStatus status;
        private final String html;
        private final String policy;
        private final String retryAfter;

        RefusedPage(HttpStatus status, String html, String policy) {
            this(status, html, policy, null);
        }

        RefusedPage(HttpStatus status, String html, String policy, String retryAfter) {
            super(status.name(), null, false, false);
            this.status = status;
            this.html = html;
            this.policy = policy;
            this.retryAfter = retryAfter;
        }

        static RefusedPage notFound(PageText text) {
            return new RefusedPage(HttpStatus.NOT_FOUND, ErrorPage.notFound(text), PageResponses.withoutForms());
        }
    }
}
