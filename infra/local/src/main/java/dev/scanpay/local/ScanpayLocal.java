package dev.scanpay.local;

import java.util.Arrays;

/**
 * The local stack's command line.
 *
 * <pre>
 * java -jar scanpay-local.jar [serve] [--data-dir DIR] [--port 8080] [--wallet-port 8090] [--notify-url URL] [--dynamodb-endpoint URL]
 *                         [--notify-urls PREFIX1,PREFIX2]
 * java -jar scanpay-local.jar pay [--data-dir DIR] [--amount 1250] [--currency USD] [--customer alice] [--notify-url URL]
 *                                 [--client-id ID --key-file FILE [--key-version 1] --merchant-id M]
 * java -jar scanpay-local.jar legacy-pay [--data-dir DIR] [--amount 12.34] [--currency USD] [--sign-type MD5|RSA|RSA2]
 *                                        [--customer alice]
 * java -jar scanpay-local.jar order-code [--data-dir DIR] [--amount 880] [--currency JPY] [--notify-url URL]
 * java -jar scanpay-local.jar receiver [--port 8070] [--answer ok|down] [--data-dir DIR]
 * java -jar scanpay-local.jar scan --code CODE_VALUE [--customer alice] [--data-dir DIR]
 * java -jar scanpay-local.jar register-client --client-id ID --public-key-file FILE [--key-version 1]
 *                                             [--kind MERCHANT|ISV] [--merchant-ids M1,M2] [--notify-urls PREFIX1,PREFIX2]
 *                                             [--notify-url URL] [--data-dir DIR]
 * java -jar scanpay-local.jar register-client --legacy-partner 2088... --public-key-file FILE [--key-version 1] [--data-dir DIR]
 * java -jar scanpay-local.jar keygen --out FILE
 * </pre>
 */
public final class ScanpayLocal {

    static final String DEFAULT_DATA_DIR = "scanpay-data";

    private ScanpayLocal() {
    }

    private static String envOr(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    public static void main(String[] args) throws Exception {
        // the AWS SDK must never look for the instance metadata address here; DynamoDB Local takes any
        // credentials, and an operator pointing --dynamodb-endpoint at a real table gives real ones
        System.setProperty("aws.region", System.getProperty("aws.region", envOr("AWS_REGION", "us-east-1")));
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null) {
            System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
            System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
        }
        System.setProperty("aws.disableEc2Metadata", "true");
        // the function jars carry their own logback.xml (for Lambda); the local stack logs its own way
        // (readable text; SCANPAY_LOG_FORMAT=json logs JSON lines as the functions do in AWS)
        String logConfig = "json".equalsIgnoreCase(envOr("SCANPAY_LOG_FORMAT", "text")) ? "logback.xml" : "logback-local.xml";
        System.setProperty("logback.configurationFile", System.getProperty("logback.configurationFile", logConfig));
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "serve";
        int from = command.equals("serve") && (args.length == 0 || args[0].startsWith("--")) ? 0 : 1;
        try {
            Args options = new Args(args, from);
            switch (command) {
                case "serve" -> LocalStack.serve(options);
                case "pay" -> System.exit(DemoPayment.run(options));
                case "legacy-pay" -> System.exit(LegacyPayment.run(options));
                case "order-code" -> System.exit(DemoOrderCode.run(options));
                case "scan" -> System.exit(DemoScan.run(options));
                case "receiver" -> NotificationReceiver.run(options);
                case "register-client" -> RegisterClient.run(options);
                case "keygen" -> Keygen.run(options);
                case "report" -> System.exit(DailyReport.run(options));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (StartupFailure e) {
            System.err.println("scanpay-local: cannot start: " + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("scanpay-local: " + e.getMessage());
            System.err.println("usage: scanpay-local [serve|pay|legacy-pay|order-code|scan|receiver|register-client|keygen|report] [--option value ...]; see README.md");
            System.err.println("       (arguments were " + Arrays.toString(args) + ")");
            System.exit(2);
        }
    }
}
