package dev.parley.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each account's active webhooks, read at most once per TTL per node: every message asks, and most
 * accounts have none. Callers that miss together share one read (a burst of new conversations once
 * made a read each); a failed read is not kept. A change on this node is seen at once; on other
 * nodes within the TTL. Thread-safe.
 */
final class Subscriptions {

    /** {@code targets} replays one read to every caller; {@code expires} counts from when it was asked for. */
    private static final class Entry {

        final Mono<List<WebhookRepository.Target>> targets;
        final Instant expires;
        // The read's result once it succeeded.
        volatile List<WebhookRepository.Target> held;

        Entry(Mono<List<WebhookRepository.Target>> targets, Instant expires) {
            this.targets = targets;
            this.expires = expires;
        }

        boolean live(Instant now) {
            return expires.isAfter(now);
        }
    }

    private final Function<String, Flux<WebhookRepository.Target>> reader;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** {@code reader}: the account's active webhooks, read from the database. */
    Subscriptions(Function<String, Flux<WebhookRepository.Target>> reader, Clock clock, Duration ttl) {
        this.reader = reader;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The account's active webhooks that receive {@code eventType}. */
    Mono<List<WebhookRepository.Target>> receiving(String accountId, String eventType) {
        Instant now = clock.instant();
        if (cache.size() > 100_000 && !cache.containsKey(accountId)) {
            // Bounded: a huge installation re-reads rather than growing without end.
            cache.clear();
        }
        Entry entry = cache.compute(accountId, (id, current) -> current != null && current.live(now) ? current : read(id, now));
        return entry.targets.map(targets -> targets.stream().filter(t -> t.events().contains(eventType)).toList());
    }

    /**
     * Whether a read within the TTL found that no active webhook of the account receives
     * {@code eventType}: the common case, answered without a subscription. False when that is not
     * known yet (no read, or one under way), so the caller then asks {@link #receiving}.
     */
    boolean noneKnownFor(String accountId, String eventType) {
        Entry entry = cache.get(accountId);
        List<WebhookRepository.Target> held = entry != null && entry.live(clock.instant()) ? entry.held : null;
        return held != null && held.stream().noneMatch(t -> t.events().contains(eventType));
    }

    private Entry read(String accountId, Instant now) {
        Entry[] self = new Entry[1];
        Mono<List<WebhookRepository.Target>> targets = reader.apply(accountId)
                .collectList()
                .doOnNext(found -> self[0].held = found)
                .doOnError(e -> cache.remove(accountId, self[0]))
                .cache();
        self[0] = new Entry(targets, now.plus(ttl));
        return self[0];
    }

    void forget(String accountId) {
        cache.remove(accountId);
    }
}
