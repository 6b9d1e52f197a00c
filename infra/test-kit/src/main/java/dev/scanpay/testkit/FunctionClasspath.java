package dev.scanpay.testkit;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * One function's classpath as its Lambda jar has it, inside a module's tests whose classpath also holds
 * other function modules (the codes tests serve the merchant API beside the pages; the wallet API's tests
 * pay through the merchant API). A class loader that hides the other functions' resources, so a context
 * built with it finds none of their beans (Micronaut finds beans through META-INF/micronaut resources),
 * and so builds exactly what the function's own jar would.
 */
public final class FunctionClasspath extends ClassLoader {

    /** The function modules: each one's artifact id is scanpay-{name}, its folder functions/{name}. */
    public static final List<String> FUNCTIONS = List.of("merchant-api", "wallet-api", "codes", "status-sweeper", "notifier");

    private final Set<String> hidden;

    private FunctionClasspath(ClassLoader parent, Set<String> hidden) {
        super(parent);
        this.hidden = hidden;
    }

    /** The classpath of {@code function}'s Lambda jar: every other function module is hidden. */
    public static ClassLoader of(String function) {
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException("no function " + function);
        }
        return new FunctionClasspath(FunctionClasspath.class.getClassLoader(),
                Set.copyOf(FUNCTIONS.stream().filter(f -> !f.equals(function)).toList()));
    }

    @Override
    public URL getResource(String name) {
        URL url = super.getResource(name);
        return url == null || isHidden(url) ? null : url;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> visible = Collections.list(super.getResources(name)).stream().filter(url -> !isHidden(url)).toList();
        return Collections.enumeration(visible);
    }

    private boolean isHidden(URL url) {
        String location = url.toString();
        // a reactor build puts a module's target/classes (or its packaged jar) on the path; -pl without -am
        // takes the jar from the local repository
        return hidden.stream().anyMatch(f -> location.contains("/functions/" + f + "/target/")
                || location.contains("/scanpay-" + f + "/"));
    }
}
