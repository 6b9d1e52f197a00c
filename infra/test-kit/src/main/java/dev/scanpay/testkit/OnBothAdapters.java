package dev.scanpay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An end-to-end contract test class run twice, once through each {@link Adapter}: the class declares
 * {@code @Parameter Adapter adapter;} and builds its harness with it. The runs show as "via LAMBDA" and
 * "via NETTY".
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@ParameterizedClass(name = "via {0}")
@EnumSource(Adapter.class)
public @interface OnBothAdapters {
}
