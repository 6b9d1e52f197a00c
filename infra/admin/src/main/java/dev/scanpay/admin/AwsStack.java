package dev.scanpay.admin;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS side of {@code --stack}: CloudFormation for the outputs, STS for the caller's identity, DynamoDB and
 * Secrets Manager for the work. Kept apart so the local target never loads a CloudFormation or STS class.
 */
final class AwsStack {

    private AwsStack() {
    }

    /**
     * A deployed stack, reached with the operator's credentials from the SDK's default chain (environment, the
     * shared config and credentials files, SSO, ...); {@code profile} picks a profile of those files.
     */
    static Target open(String stackName, String region, String profile) {
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
