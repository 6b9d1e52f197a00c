package dev.scanpay.core.store;

import static dev.scanpay.core.store.Attrs.s;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A token of one conditional write, put in the item it writes ({@value #ATTRIBUTE}). When the write's answer is
 * lost and the SDK's retry (or the caller's) finds the condition failed, the item found can be recognised as this
 * write's own, which landed, rather than another writer's. Without it a caller takes its own landed write for
 * another's and acts as the loser (a pay marked sent and never sent, a refund's check claimed and never made).
 */
final class WriteToken {

    static final String ATTRIBUTE = "writeToken";

    private final String value;

    private WriteToken(String value) {
        this.value = value;
    }

    static WriteToken fresh() {
        return new WriteToken(UUID.randomUUID().toString());
    }

    /** {@code item} with this token in it (a copy). */
    Map<String, AttributeValue> on(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> tokened = new HashMap<>(item);
        tokened.put(ATTRIBUTE, s(value));
        return tokened;
    }

    /** True when {@code stored} (an item read back or returned by a failed condition) is the one this write put. */
    boolean wrote(Map<String, AttributeValue> stored) {
        AttributeValue found = stored == null ? null : stored.get(ATTRIBUTE);
        return found != null && value.equals(found.s());
    }
}
