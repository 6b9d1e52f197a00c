package dev.scanpay.core.config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.scanpay.core.observe.RequestLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP functions' Lambda entry point (template.yaml's Handler): Micronaut's API Gateway function, with each
 * request tagged with its Lambda invocation's id, so its log lines carry it ({@link RequestLog#REQUEST_ID}). A
 * header, because the controllers run on other threads than this one and the request is all they share; any value
 * a client sent under that name is dropped first.
 */
public class LambdaHttpFunction extends APIGatewayV2HTTPEventFunction {

    /** What Lambda constructs. */
    public LambdaHttpFunction() {
        super();
    }

    /** For tests: the function's context, already built. */
    public LambdaHttpFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null) {
            Map<String, String> headers = new HashMap<>();
            if (event.getHeaders() != null) {
                event.getHeaders().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase(RequestLog.INVOCATION_HEADER)) {
                        headers.put(name, value);
                    }
                });
            }
            if (context != null && context.getAwsRequestId() != null) {
                headers.put(RequestLog.INVOCATION_HEADER.toLowerCase(Locale.ROOT), context.getAwsRequestId());
            }
            event.setHeaders(headers);
        }
        return super.handleRequest(event, context);
    }
}
