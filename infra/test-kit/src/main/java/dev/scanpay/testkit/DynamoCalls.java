package dev.scanpay.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A DynamoDB client that records, for each function, the IAM action of every call it sends, the table or
 * index, and the partition key touched (what {@code dynamodb:LeadingKeys} sees). A function's tests give
 * this client to the function's context and check at the end that every call is within the policy kept
 * beside the function's code ({@link FunctionPolicy}), so that list cannot go stale.
 *
 * <p>A call is the function's when the function's own code is on the calling thread's stack: a class of
 * its package from its main classes (not a test class of the same package), or, for the sweeper, core's
 * Sweeper, which only the sweeper function runs. Calls made by tests to set up or inspect the table are
 * nobody's and are not recorded.
 */
public final class DynamoCalls {

    /** One call as IAM sees it: {@code dynamodb:PutItem}, {@code table} or {@code index/due}, and the partition key. */
    public record Call(String action, String resource, String leadingKey) {
    }

    private static final Map<String, String> FUNCTION_PACKAGES = Map.of(
            "dev.scanpay.merchantapi.", "merchant-api",
            "dev.scanpay.walletapi.", "wallet-api",
            "dev.scanpay.codes.", "codes",
            "dev.scanpay.sweeper.", "status-sweeper",
            "dev.scanpay.core.service.followup.Sweeper", "status-sweeper",
            "dev.scanpay.notifier.", "notifier",
            "dev.scanpay.legacy.", "legacy-gateway",
            "dev.scanpay.reconciliation.", "reconciliation",
            "dev.scanpay.core.service.reconcile.DailyReports", "reconciliation",
            "dev.scanpay.admin.", FunctionPolicy.ADMIN);
    private static final Pattern KEY_CONDITION = Pattern.compile("(#?\\w+)\\s*=\\s*(:\\w+)");
    private static final ClassValue<Boolean> TEST_CLASS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location != null && location.toString().contains("/test-classes/");
        }
    };

    private final Map<String, Set<Call>> calls = new ConcurrentHashMap<>();
    private final DynamoDbClient client;

    private DynamoCalls(DynamoDbClient delegate) {
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, new Recorder(delegate));
    }

    public static DynamoCalls recording(DynamoDbClient delegate) {
        return new DynamoCalls(delegate);
    }

    /** The client to register in the function's context in place of its own. */
    public DynamoDbClient client() {
        return client;
    }

    /** What each function sent, by function name (merchant-api, codes, ...). */
    public Map<String, Set<Call>> byFunction() {
        Map<String, Set<Call>> copy = new TreeMap<>();
        calls.forEach((function, set) -> copy.put(function, Set.copyOf(set)));
        return copy;
    }

    /**
     * Appends what each function sent to {@code target/dynamo-calls.txt} (one line per distinct call, for
     * keeping the policy files honest by eye), then checks every call of every function against that
     * function's policy file; an {@link AssertionError} names the calls outside it.
     */
    public void reportAndAssertWithinPolicies() {
        try {
            List<String> lines = new ArrayList<>();
            byFunction().forEach((function, sent) -> sent.forEach(c -> lines.add(function + " " + c.action() + " " + c.resource()
                    + " " + (c.leadingKey() == null ? "-" : c.leadingKey().replaceAll("#.*", "#*")))));
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.write(java.nio.file.Path.of("target/dynamo-calls.txt"), new TreeSet<>(lines),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertWithinPolicies();
    }

    /**
     * Every recorded call of every function checked against that function's policy file; an
     * {@link AssertionError} naming the calls outside it.
     */
    public void assertWithinPolicies() {
        List<String> outside = new ArrayList<>();
        byFunction().forEach((function, sent) -> {
            FunctionPolicy policy = FunctionPolicy.of(function);
            for (Call call : sent) {
                if (!policy.allows(call)) {
                    outside.add(function + ": " + call.action() + " " + call.resource() + " " + call.leadingKey());
                }
            }
        });
        outside.sort(null);
        if (!outside.isEmpty()) {
            throw new AssertionError("DynamoDB calls outside the function's policy (functions/<function>/iam-policy.txt and "
                    + "template.yaml): " + outside);
        }
    }

    private void record(String action, String resource, AttributeValue leadingKey) {
        Optional<String> function = currentFunction();
        if (function.isEmpty()) {
            return;
        }
        String key = leadingKey == null ? null : leadingKey.s();
        calls.computeIfAbsent(function.get(), f -> ConcurrentHashMap.newKeySet()).add(new Call(action, resource, key));
    }

    private static Optional<String> currentFunction() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> !TEST_CLASS.get(type))
                .map(type -> functionOf(type.getName()))
                .flatMap(Optional::stream)
                .findFirst());
    }

    private static Optional<String> functionOf(String className) {
        return FUNCTION_PACKAGES.entrySet().stream()
                .filter(e -> className.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private final class Recorder implements InvocationHandler {
        private final DynamoDbClient delegate;

        Recorder(DynamoDbClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object request = args == null || args.length != 1 ? null : args[0];
            if (method.isDefault() && !(request instanceof software.amazon.awssdk.core.SdkRequest)) {
                // the consumer-builder overloads build the request and come back through the proxy
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            note(method.getName(), request);
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void note(String operation, Object request) {
            if (operation.endsWith("Paginator")) {
                // a paginator sends its pages' requests back through this client, where each is noted
                return;
            }
            if (request instanceof GetItemRequest r) {
                record("dynamodb:GetItem", "table", r.key().get("pk"));
            } else if (request instanceof PutItemRequest r) {
                record("dynamodb:PutItem", "table", r.item().get("pk"));
            } else if (request instanceof UpdateItemRequest r) {
                record("dynamodb:UpdateItem", "table", r.key().get("pk"));
            } else if (request instanceof DeleteItemRequest r) {
                record("dynamodb:DeleteItem", "table", r.key().get("pk"));
            } else if (request instanceof QueryRequest r) {
                record("dynamodb:Query", r.indexName() == null ? "table" : "index/" + r.indexName(), partitionValue(r));
            } else if (request instanceof TransactWriteItemsRequest r) {
                r.transactItems().forEach(this::noteTransactItem);
            } else if (!Set.of("close", "serviceName", "serviceClientConfiguration").contains(operation)) {
                // anything else the function sends (a Scan, a batch) is recorded by its own name, and so refused
                record("dynamodb:" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1), "table", null);
            }
        }

        private void noteTransactItem(TransactWriteItem item) {
            if (item.put() != null) {
                record("dynamodb:PutItem", "table", item.put().item().get("pk"));
            }
            if (item.update() != null) {
                record("dynamodb:UpdateItem", "table", item.update().key().get("pk"));
            }
            if (item.delete() != null) {
                record("dynamodb:DeleteItem", "table", item.delete().key().get("pk"));
            }
            if (item.conditionCheck() != null) {
                record("dynamodb:ConditionCheckItem", "table", item.conditionCheck().key().get("pk"));
            }
        }

        /** The value the key condition gives the partition key: pk on the table, dueShard on the due index. */
        private AttributeValue partitionValue(QueryRequest query) {
            String partition = query.indexName() == null ? "pk" : "dueShard";
            Matcher matcher = KEY_CONDITION.matcher(query.keyConditionExpression());
            while (matcher.find()) {
                String name = matcher.group(1);
                String attribute = name.startsWith("#") ? query.expressionAttributeNames().get(name) : name;
                if (partition.equals(attribute)) {
                    return query.expressionAttributeValues().get(matcher.group(2));
                }
            }
            return null;
        }
    }

    /** For reports: every call, one per line. */
    public static String describe(Collection<Call> calls) {
        return String.join("\n", new TreeSet<>(calls.stream().map(c -> c.action() + " " + c.resource() + " " + c.leadingKey()).toList()));
    }
}
