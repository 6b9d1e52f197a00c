package dev.scanpay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one function's code may do in AWS, as kept beside its code in {@code functions/<function>/iam-policy.txt}:
 * one line per action and resource, with the partition keys it may touch ({@code dynamodb:LeadingKeys}
 * patterns; none means any). Resources are {@code table}, {@code index/due}, {@code index/ledger},
 * {@code gateway-key} (the Secrets Manager secret), {@code notifier-dead-letters} (the notifier's failed-record
 * queue) and the report bucket's {@code reports-bucket/reports/*} and {@code reports-bucket/wallets/*}.
 * template.yaml's policy for the function must say exactly this, and every DynamoDB call its tests send
 * must be allowed by it.
 */
public final class FunctionPolicy {

    /** One grant: an action on a resource, limited to partition keys matching {@code leadingKeys} unless empty. */
    public record Grant(String action, String resource, Set<String> leadingKeys) {
        public Grant {
            leadingKeys = Set.copyOf(new TreeSet<>(leadingKeys));
        }

        boolean allows(DynamoCalls.Call call) {
            return action.equals(call.action()) && resource.equals(call.resource())
                    && (leadingKeys.isEmpty() || (call.leadingKey() != null
                    && leadingKeys.stream().anyMatch(pattern -> glob(pattern).matcher(call.leadingKey()).matches())));
        }

        @Override
        public String toString() {
            return action + " " + resource + (leadingKeys.isEmpty() ? "" : " " + String.join(" ", new TreeSet<>(leadingKeys)));
        }
    }

    /** The template's logical id of each function. */
    public static final Map<String, String> LOGICAL_IDS = Map.of(
            "merchant-api", "MerchantApiFunction",
            "wallet-api", "WalletApiFunction",
            "codes", "CodesFunction",
            "status-sweeper", "StatusSweeperFunction",
            "notifier", "NotifierFunction",
            "legacy-gateway", "LegacyGatewayFunction",
            "reconciliation", "ReconciliationFunction");

    private final String function;
    private final Set<Grant> grants;

    private FunctionPolicy(String function, Set<Grant> grants) {
        this.function = function;
        this.grants = grants;
    }

    /** The admin tool's policy: what template.yaml's ScanpayOperatorPolicy grants its operators. */
    public static final String ADMIN = "admin";

    public static Path file(String function) {
        if (function.equals(ADMIN)) {
            return SamTemplate.ROOT.resolve("infra").resolve("admin").resolve("iam-policy.txt");
        }
        return SamTemplate.ROOT.resolve("functions").resolve(function).resolve("iam-policy.txt");
    }

    public static FunctionPolicy of(String function) {
        try {
            Set<Grant> grants = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file(function))) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] words = text.split("\\s+");
                if (words.length < 2) {
                    throw new IllegalStateException(file(function) + ": '" + line + "' needs an action and a resource");
                }
                grants.add(new Grant(words[0], words[1], Set.copyOf(List.of(words).subList(2, words.length))));
            }
            return new FunctionPolicy(function, grants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy template.yaml gives the function, read back into grants. */
    @SuppressWarnings("unchecked")
    public static Set<Grant> inTemplate(SamTemplate template, String function) {
        Map<String, Object> properties = template.properties(LOGICAL_IDS.get(function));
        Set<Grant> grants = new LinkedHashSet<>();
        for (Object policy : (List<Object>) properties.get("Policies")) {
            grants.addAll(grants(function, (List<Object>) ((Map<String, Object>) policy).get("Statement")));
        }
        return grants;
    }

    /** What a managed policy of template.yaml ({@code AWS::IAM::ManagedPolicy}) grants, read back into grants. */
    @SuppressWarnings("unchecked")
    public static Set<Grant> inManagedPolicy(SamTemplate template, String logicalId) {
        Map<String, Object> document = (Map<String, Object>) template.properties(logicalId).get("PolicyDocument");
        return grants(logicalId, (List<Object>) document.get("Statement"));
    }

    @SuppressWarnings("unchecked")
    private static Set<Grant> grants(String owner, List<Object> statements) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (Object s : statements) {
            Map<String, Object> statement = (Map<String, Object>) s;
            if (!"Allow".equals(statement.get("Effect"))) {
                throw new IllegalStateException(owner + ": only Allow statements are read here");
            }
            Set<String> keys = leadingKeys(statement.get("Condition"));
            for (String action : strings(statement.get("Action"))) {
                for (Object resource : list(statement.get("Resource"))) {
                    grants.add(new Grant(action, resourceName(resource), keys));
                }
            }
        }
        return grants;
    }

    public String function() {
        return function;
    }

    public Set<Grant> grants() {
        return grants;
    }

    public boolean allows(DynamoCalls.Call call) {
        return grants.stream().anyMatch(g -> g.allows(call));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> leadingKeys(Object condition) {
        if (condition == null) {
            return Set.of();
        }
        Map<String, Object> conditions = (Map<String, Object>) condition;
        if (conditions.size() != 1 || !conditions.containsKey("ForAllValues:StringLike")) {
            throw new IllegalStateException("only a ForAllValues:StringLike dynamodb:LeadingKeys condition is read here: " + condition);
        }
        Map<String, Object> like = (Map<String, Object>) conditions.get("ForAllValues:StringLike");
        if (like.size() != 1 || !like.containsKey("dynamodb:LeadingKeys")) {
            throw new IllegalStateException("only dynamodb:LeadingKeys is read here: " + condition);
        }
        return Set.copyOf(strings(like.get("dynamodb:LeadingKeys")));
    }

    /** A resource as template.yaml writes it (an intrinsic), named as the policy files name it. */
    @SuppressWarnings("unchecked")
    private static String resourceName(Object resource) {
        String text = String.valueOf(resource);
        return switch (text) {
            case "{Fn::GetAtt=[ScanpayTable, Arn]}" -> "table";
            case "{Fn::Sub=${ScanpayTable.Arn}/index/due}" -> "index/due";
            case "{Fn::Sub=${ScanpayTable.Arn}/index/ledger}" -> "index/ledger";
            case "{Fn::Sub=${ReportsBucket.Arn}/reports/*}" -> "reports-bucket/reports/*";
            case "{Fn::Sub=${ReportsBucket.Arn}/wallets/*}" -> "reports-bucket/wallets/*";
            case "{Ref=GatewayKeySecretArn}" -> "gateway-key";
            case "{Ref=LegacyMd5KeysSecretArn}" -> "legacy-md5-keys";
            case "{Fn::GetAtt=[NotifierDeadLetterQueue, Arn]}" -> "notifier-dead-letters";
            case "{Ref=AWS::StackId}" -> "stack";
            default -> throw new IllegalStateException("a resource the policy files have no name for: " + text);
        };
    }

    private static List<Object> list(Object value) {
        if (value instanceof List<?> values) {
            return new ArrayList<>(values);
        }
        return List.of(value);
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    /** An IAM StringLike pattern: * any run of characters, ? one character, everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
