package dev.scanpay.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Picks the target from the options: --stack, else --local DIR, else ./scanpay-data when it exists. */
final class Targets {

    private Targets() {
    }

    static Target open(ScanpayAdmin options) {
        if (options.stack != null && options.local != null) {
            throw new AdminRefusal("give --local DIR or --stack NAME, not both");
        }
        if (options.stack != null) {
            return stack(options.stack, options.region, options.profile);
        }
        if (options.region != null || options.profile != null) {
            throw new AdminRefusal("--region and --profile go with --stack NAME");
        }
        Path dir = options.local != null ? options.local : Path.of(ScanpayAdmin.DEFAULT_DATA_DIR);
        if (options.local == null && !Files.isDirectory(dir)) {
            throw new AdminRefusal("no ./" + ScanpayAdmin.DEFAULT_DATA_DIR + " here: name a target with --local DIR or --stack NAME");
        }
        return LocalTarget.open(dir);
    }

    /**
     * A deployed stack, reached with the operator's credentials from the SDK's default chain (environment, the
     * shared config and credentials files, SSO, ...); {@code profile} picks a profile of those files.
     */
    static Target stack(String stackName, String region, String profile) {
        if (profile != null) {
            System.setProperty("aws.profile", profile);
        }
        Region chosen = region == null ? null : Region.of(region);
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create())
                .applyMutation(b -> { if (chosen != null) { b.region(chosen); } }).build();
             StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .applyMutation(b -> { if (chosen != null) { b.region(chosen); } }).build()) {
            var outputs = StackOutputs.cloudFormation(cloudFormation).of(stackName);
            String who = sts.getCallerIdentity().arn();
            return connect(stackName, region, outputs, who, chosen);
        }
    }

    static StackTarget connect(String stackName, String region, java.util.Map<String, String> outputs, String who, Region chosen) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .applyMutation(b -> { if (chosen != null) { b.region(chosen); } }).build();
        SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .applyMutation(b -> { if (chosen != null) { b.region(chosen); } }).build();
        return new StackTarget(stackName, region, outputs, dynamo, secrets, who);
    }
}
