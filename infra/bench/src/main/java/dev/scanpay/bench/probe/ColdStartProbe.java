package dev.scanpay.bench.probe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs in a fresh JVM whose class path is a function's Lambda jar plus this probe. It does what the Lambda
 * runtime does on a cold start, and nothing more before the answer: constructs the handler class with its
 * no-arg constructor (configuration from the environment), then hands it one API Gateway v2 event.
 *
 * <p>The request was signed by the parent just before this JVM was spawned, so no client-side crypto runs
 * here inside the measured time. After the answer it prints {@code PROBE key=value} lines; the parent checks
 * the answer (result code, gateway signature) from them.
 *
 * <p>Environment: {@code BENCH_HANDLER} (the handler class, as template.yaml names it; Micronaut's
 * {@code APIGatewayV2HTTPEventFunction} when unset, as the baseline deploys), {@code BENCH_PATH},
 * {@code BENCH_BODY}, {@code BENCH_HEADER_<NAME>} for each request header (underscores become dashes), plus
 * whatever the function itself reads.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    /** The handler class by name: ours is in the function's jar, which is not on this probe's compile path at run time. */
    private static APIGatewayV2HTTPEventFunction handler() {
        String name = System.getenv("BENCH_HANDLER");
        if (name == null || name.isBlank()) {
            return new APIGatewayV2HTTPEventFunction();
        }
        try {
            return (APIGatewayV2HTTPEventFunction) Class.forName(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct handler " + name, e);
        }
    }

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        APIGatewayV2HTTPEventFunction handler = handler();
        long initDoneAt = System.currentTimeMillis();
        APIGatewayV2HTTPEvent event = event();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new ProbeContext());
        long answerAt = System.currentTimeMillis();

        // everything below is after the measured window
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        out.append("PROBE jvmStartEpochMs=").append(jvmStart).append('\n');
        out.append("PROBE mainEpochMs=").append(mainAt).append('\n');
        out.append("PROBE initDoneEpochMs=").append(initDoneAt).append('\n');
        out.append("PROBE answerEpochMs=").append(answerAt).append('\n');
        out.append("PROBE status=").append(response.getStatusCode()).append('\n');
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) ->
                    out.append("PROBE header.").append(name).append('=').append(value).append('\n'));
        }
        out.append("PROBE bodyBase64=").append(Base64.getEncoder().encodeToString(body)).append('\n');
        out.append("PROBE end\n");
        System.out.print(out);
        System.out.flush();
        // the function's context may hold non-daemon threads; the measurement is done
        Runtime.getRuntime().halt(0);
    }

    private static APIGatewayV2HTTPEvent event() {
        String path = System.getenv("BENCH_PATH");
        String body = System.getenv("BENCH_BODY");
        Map<String, String> headers = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("BENCH_HEADER_")) {
                headers.put(name.substring("BENCH_HEADER_".length()).replace('_', '-'), value);
            }
        });
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .withRequestId("coldstart-probe")
                        .build())
                .build();
    }
}
