package dev.scanpay.admin;

import dev.scanpay.core.outbound.DestinationRules;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A stack deployed from template.yaml, found by its outputs ({@link #OUTPUTS}), reached with the operator's own
 * credentials (the SDK's default provider chain; {@code --profile} and {@code --region} choose among them).
 */
final class StackTarget implements Target {

    /** The outputs the tool reads; template.yaml declares each (AdminTemplateTest). */
    static final String TABLE_NAME = "TableName";
    static final String API_URL = "ApiUrl";
    static final String MD5_KEYS_SECRET = "LegacyMd5KeysSecretArn";
    static final String GATEWAY_PUBLIC_KEY = "GatewayPublicKey";
    static final String GATEWAY_KEY_VERSION = "GatewayKeyVersion";
    static final java.util.List<String> OUTPUTS = java.util.List.of(TABLE_NAME, API_URL, MD5_KEYS_SECRET, GATEWAY_PUBLIC_KEY,
            GATEWAY_KEY_VERSION);

    private final String stackName;
    private final String region;
    private final Map<String, String> outputs;
    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secrets;
    private final String who;

    StackTarget(String stackName, String region, Map<String, String> outputs, DynamoDbClient dynamo,
                SecretsManagerClient secrets, String who) {
        this.stackName = stackName;
        this.region = region;
        this.outputs = Map.copyOf(outputs);
        this.dynamo = dynamo;
        this.secrets = secrets;
        this.who = who;
        for (String key : new String[] {TABLE_NAME, API_URL}) {
            if (!outputs.containsKey(key)) {
                throw new AdminRefusal("stack " + stackName + " has no output " + key + "; is it a Scanpay stack?");
            }
        }
    }

    private String output(String key) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new AdminRefusal("stack " + stackName + " has no output " + key
                    + "; deploy the current template.yaml (see infra/sam/README-deploy.md)");
        }
        return value;
    }

    @Override
    public String describe() {
        return "stack " + stackName + (region == null ? "" : " in " + region);
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public String table() {
        return output(TABLE_NAME);
    }

    @Override
    public String who() {
        return who;
    }

    @Override
    public DestinationRules destinations() {
        return DestinationRules.deployed();
    }

    @Override
    public String publicUrl() {
        return output(API_URL);
    }

    @Override
    public Md5KeyVault md5Keys() {
        String secretId = output(MD5_KEYS_SECRET);
        return new Md5KeyVault() {
            @Override
            protected byte[] read() {
                try {
                    return secrets.getSecretValue(b -> b.secretId(secretId)).secretString().getBytes(StandardCharsets.UTF_8);
                } catch (ResourceNotFoundException e) {
                    throw new AdminRefusal("the MD5 keys' secret " + secretId + " is not there");
                }
            }

            @Override
            protected void write(byte[] json) {
                secrets.putSecretValue(b -> b.secretId(secretId).secretString(new String(json, StandardCharsets.UTF_8)));
            }

            @Override
            String where() {
                return "secret " + secretId;
            }
        };
    }

    @Override
    public String md5KeyTakesEffect() {
        return "the legacy gateway reads the MD5 keys when a version of it is published: run `sam deploy` with a changed "
                + "function (or publish a new version of " + stackName + "-legacy-gateway) before the partner signs with MD5";
    }

    @Override
    public GatewayPublicKey gatewayKey() {
        return new GatewayPublicKey(output(GATEWAY_PUBLIC_KEY), output(GATEWAY_KEY_VERSION), "stack output " + GATEWAY_PUBLIC_KEY);
    }

    @Override
    public void close() {
        dynamo.close();
        secrets.close();
    }

}
