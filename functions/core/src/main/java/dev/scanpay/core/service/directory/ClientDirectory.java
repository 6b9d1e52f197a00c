package dev.scanpay.core.service.directory;

import dev.scanpay.core.model.client.Client;
import dev.scanpay.core.signing.KeyRing;
import dev.scanpay.core.store.ClientStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients with their keys parsed, kept for a short while per function instance so a busy merchant costs
 * one read per half minute, not one per request. Key rotation shows within that time.
 */
public final class ClientDirectory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final ClientStore store;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public ClientDirectory(ClientStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A client and its parsed public keys by keyVersion (keys that do not parse are left out). */
    public record KnownClient(Client client, KeyRing keys) {
    }

    public Optional<KnownClient> find(String clientId) {
        Instant now = clock.instant();
        Entry entry = cache.get(clientId);
        if (entry != null && now.isBefore(entry.loadedAt.plus(TTL)) && !now.isBefore(entry.loadedAt)) {
            return Optional.of(entry.client);
        }
        Optional<KnownClient> loaded = store.get(clientId).map(ClientDirectory::parse);
        loaded.ifPresentOrElse(c -> cache.put(clientId, new Entry(c, now)), () -> cache.remove(clientId));
        return loaded;
    }

    private static KnownClient parse(Client client) {
        return new KnownClient(client, KeyRing.of(client.publicKeys()));
    }

    private record Entry(KnownClient client, Instant loadedAt) {
    }
}
