package dev.scanpay.admin;

import dev.scanpay.core.outbound.DestinationRules;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the admin commands act: the local stack's data dir or a deployed stack. Everything a command needs
 * about the place is here, so the commands themselves are the same for both.
 */
interface Target extends AutoCloseable {

    /** What the target is, for messages: {@code local stack in ./scanpay-data}, {@code stack scanpay in eu-west-1}. */
    String describe();

    DynamoDbClient dynamo();

    String table();

    /** Who is acting, for the audit: the caller's AWS identity, or the OS user locally. Never a credential. */
    String who();

    /** The outbound rules the gateway there sends by, which wallet endpoints and notify URLs must pass. */
    DestinationRules destinations();

    /** The gateway's public base URL there: entry codes' values are built on it. */
    String publicUrl();

    /** The legacy partners' MD5 keys there. */
    Md5KeyVault md5Keys();

    /** The gateway's public key and its keyVersion, which merchants and wallets verify it with. */
    GatewayPublicKey gatewayKey();

    /** What an operator must do before a new MD5 key signs there, or empty when it does at once. */
    String md5KeyTakesEffect();

    @Override
    void close();

    /** The gateway's public key (base64 X.509) and version. */
    record GatewayPublicKey(String publicKey, String keyVersion, String source) {
    }
}
