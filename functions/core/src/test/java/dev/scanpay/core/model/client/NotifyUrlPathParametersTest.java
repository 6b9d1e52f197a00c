package dev.scanpay.core.model.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servlet containers (Tomcat, Jetty, Undertow) and the frameworks on them strip a segment's path parameters
 * before resolving dot segments, so {@code /a/..;/b} is {@code /b} to them: on a host that serves several
 * merchants under their own paths, such a URL under one merchant's prefix reaches another's endpoint.
 */
class NotifyUrlPathParametersTest {

    private static final NotifyUrlPrefixes A = NotifyUrlPrefixes.of(List.of("https://hooks.platform.example/merchant-a/"));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://hooks.platform.example/merchant-a/..;/merchant-b/notify",
            "https://hooks.platform.example/merchant-a/..;x=1/merchant-b/notify",
            "https://hooks.platform.example/merchant-a/.;/..;/merchant-b/notify",
            "https://hooks.platform.example/merchant-a/..%3b/merchant-b/notify",
            "https://hooks.platform.example/merchant-a/%2e%2e;/merchant-b/notify",
    })
    void aDotSegmentWithPathParametersIsAdmittedByNoPrefix(String url) {
        assertThat(A.admits(url)).as(url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://hooks.platform.example/merchant-a/notify;v=2",
            "https://hooks.platform.example/merchant-a/..notify",
    })
    void otherSegmentsWithPathParametersStillAre(String url) {
        assertThat(A.admits(url)).as(url).isTrue();
    }
}
