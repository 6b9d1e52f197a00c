package dev.scanpay.codes.pages;

/**
 * The frame every code page shares, and escaping. Pages are self-contained (inline CSS, no scripts, fonts
 * or images from anywhere) because the Content-Security-Policy allows nothing else, and mobile first: one
 * column of at most 28rem, 16 px text or larger (smaller inputs make iOS zoom in), touch targets at least
 * 48 px high.
 */
public final class Html {

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;background:#f2f4f7;color:#1d2433}
            main{max-width:28rem;margin:0 auto;padding:1rem}
            .card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
            h1{font-size:1.4rem;line-height:1.3;margin:.25rem 0 .5rem}
            .merchant{font-size:1.25rem;font-weight:700;margin:0}
            .store,.muted{color:#5b6475;margin:.15rem 0}
            .amount{font-size:2rem;font-weight:700;margin:.75rem 0 .25rem;overflow-wrap:anywhere}
            label{display:block;font-weight:600;margin:1.25rem 0 .5rem}
            .field{display:flex;align-items:center;border:2px solid #c3c9d4;border-radius:10px;background:#fff}
            .field:focus-within{border-color:#1461d1}
            .currency{padding:0 .25rem 0 .85rem;font-weight:700;color:#5b6475}
            input{flex:1;min-width:0;min-height:3.5rem;border:0;border-radius:10px;padding:.5rem .75rem;font:inherit;font-size:1.75rem;background:transparent;color:inherit}
            input:focus{outline:none}
            button,.button{display:block;width:100%;min-height:3.25rem;margin-top:1.25rem;padding:.85rem;border:0;border-radius:10px;background:#1461d1;color:#fff;font:inherit;font-size:1.1rem;font-weight:600;text-align:center;text-decoration:none}
            .button.secondary{background:#e7eefb;color:#1461d1;margin-top:.5rem}
            .problem{margin:1rem 0 0;padding:.75rem;border-radius:8px;background:#fdecea;color:#8a1c14}
            ul{list-style:none;margin:1rem 0 0;padding:0}
            li{margin:0 0 1.25rem}
            .wallet{font-weight:700;margin:0}
            .SUCCESS h1{color:#137333}
            .FAIL h1,.CANCELLED h1{color:#8a1c14}
            """;

    private Html() {
    }

    /** Text for an element's content or a quoted attribute value; null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * A whole page. {@code content} is markup the page classes built, with every dynamic value already
     * escaped; {@code refreshSeconds} above zero reloads the page that often (a waiting result page
     * follows its payment without JavaScript).
     */
    static String document(PageText text, String title, String content, int refreshSeconds) {
        return "<!doctype html>\n<html lang=\"" + text.languageTag() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // amounts and ids are not phone numbers, whatever iOS Safari guesses
                + "<meta name=\"format-detection\" content=\"telephone=no\">\n"
                + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">\n" : "")
                + "<title>" + escape(title) + "</title>\n"
                + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + content
                + "</main>\n</body>\n</html>\n";
    }
}
