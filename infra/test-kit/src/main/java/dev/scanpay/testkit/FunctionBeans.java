package dev.scanpay.testkit;

import dev.scanpay.core.signing.RsaKeys;
import dev.scanpay.dynamodb.EmbeddedDynamo;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * A function's application context started as its Lambda starts it: its own classpath only
 * ({@link FunctionClasspath}), configured as template.yaml configures it, so a test can ask which beans
 * initialisation built.
 */
public final class FunctionBeans {

    private FunctionBeans() {
    }

    /** The context of {@code function}, with a gateway key configured (as for every function that signs). */
    public static ApplicationContext start(String function) {
        return ApplicationContext.builder()
                .classLoader(FunctionClasspath.of(function))
                .properties(Map.of(
                        "scanpay.table", "scanpay-beans",
                        "scanpay.dynamodb.endpoint", EmbeddedDynamo.shared().endpoint(),
                        "scanpay.gateway.key.private-key", RsaKeys.encode(RsaKeys.generate().getPrivate())))
                .start();
    }

    /** Whether the context has built a bean of this type (not merely knows how to). */
    public static boolean built(ApplicationContext context, Class<?> type) {
        return !context.getActiveBeanRegistrations(type).isEmpty();
    }
}
